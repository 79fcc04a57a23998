// SPDX-License-Identifier: MIT
// The Script behaviour through real sockets: a script answering in upper case, state kept per
// connection, conn.send() and conn.close(), onClose, a script that throws or loops forever failing
// only that connection (the Service serves the next one), a syntax error refused at start with its
// line, and the script's save/load round trip.
#include "dieseltest.h"
#include "scriptbehaviour.h"
#include "scripteditor.h"
#include "servicecontroller.h"
#include "serviceeditor.h"
#include "servicetype.h"
#include "workspacecontroller.h"
#include "workspacefile.h"

#include <diesel/diesel.h>

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

#include <string>

using namespace workbench;
using namespace std::string_literals;

namespace {

ServiceSpec scriptService(const QString &script)
{
    ServiceSpec spec;
    spec.name = QStringLiteral("js");
    spec.behaviour = Behaviour::Script;
    spec.script = script;
    spec.port = dtest::free_port();
    return spec;
}

// Sends each line on one connection and reads one line back for each.
std::vector<std::string> converse(std::uint16_t port, const std::vector<std::string> &lines)
{
    std::vector<std::string> replies;
    dtest::run_in_loop([&] {
        diesel::Client client("127.0.0.1", port);
        client.call([&] {
            for (const std::string &line : lines) {
                diesel::send(line + "\n");
                replies.push_back(diesel::until_eol());
            }
        });
    });
    return replies;
}

} // namespace

class TestAppScript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void defaultScriptAnswersInUpperCase()
    {
        QVERIFY(!checkScript(defaultScript()));
        WorkspaceController workspace;
        ServiceController *service = addService(workspace, scriptService({}));
        QVERIFY(service->start());
        QCOMPARE(converse(service->port(), {"hello", "diesel"}),
                 (std::vector{"HELLO\r\n"s, "DIESEL\r\n"s}));
        service->stop();
    }

    void stateLastsPerConnection()
    {
        WorkspaceController workspace;
        ServiceController *service = addService(workspace, scriptService(QStringLiteral(R"(
            function onConnect(conn) { conn.state.n = 0; conn.send("hi " + typeof conn.peer); }
            function onLine(line, conn) {
                conn.state.n += 1;
                if (line === "bye") { conn.send("bye"); conn.close(); return; }
                return conn.state.n + " " + line;
            })")));
        QVERIFY(service->start());
        // Each connection counts from 1: the state is its own.
        for (int round = 0; round < 2; ++round)
            QCOMPARE(converse(service->port(), {"a", "b", "c"}),
                     (std::vector{"hi string\r\n"s, "1 a\r\n"s, "2 b\r\n"s}));
        QCOMPARE(dtest::send_and_receive_to_end(service->port(), "bye\n"), "hi string\r\nbye\r\n"s);
        service->stop();
    }

    // onClose runs when a connection ends (the script's globals are shared by its connections).
    void onCloseRunsAtTheEnd()
    {
        WorkspaceController workspace;
        ServiceController *service = addService(workspace, scriptService(QStringLiteral(R"(
            var closed = 0;
            function onClose(conn) { closed += 1; }
            function onLine(line, conn) { return "closed " + closed; })")));
        QVERIFY(service->start());
        QCOMPARE(converse(service->port(), {"?"}), std::vector{"closed 0\r\n"s});
        // Each ask is a connection too, so the count only has to move past 0.
        QVERIFY(dtest::spin_until([&] {
            const std::vector<std::string> reply = converse(service->port(), {"?"});
            return !reply.empty() && reply.front() != "closed 0\r\n";
        }));
        service->stop();
    }

    void throwingFailsOnlyThatConnection()
    {
        WorkspaceController workspace;
        ServiceController *service =
            addService(workspace, scriptService(QStringLiteral(
                                      "function onLine(line, conn) {\n"
                                      "    if (line === 'boom') throw new Error('no boom here');\n"
                                      "    return line;\n"
                                      "}\n")));
        QSignalSpy log(service, &ItemController::logLine);
        QVERIFY(service->start());
        QCOMPARE(dtest::send_and_receive_to_end(service->port(), "boom\n"), ""s);
        QVERIFY(dtest::spin_until(
            [&] { return service->summary().contains(QStringLiteral("no boom here")); }));
        QVERIFY(service->summary().contains(QStringLiteral("line 2")));
        QVERIFY(service->scriptError().startsWith(QStringLiteral("127.0.0.1:")));
        bool logged = false;
        for (const QList<QVariant> &args : log)
            logged |= args.at(0).toString().contains(QStringLiteral("Error: no boom here"));
        QVERIFY(logged);
        QVERIFY(service->state() == ItemState::Running);
        QCOMPARE(converse(service->port(), {"fine"}), std::vector{"fine\r\n"s});
        service->stop();
    }

    void endlessLoopIsInterrupted()
    {
        WorkspaceController workspace;
        ServiceSpec spec = scriptService(QStringLiteral(
            "function onLine(line, conn) { if (line === 'spin') while (true) {} return line; }"));
        spec.scriptBudgetMs = 200;
        ServiceController *service = addService(workspace, spec);
        QVERIFY(service->start());
        QCOMPARE(dtest::send_and_receive_to_end(service->port(), "spin\n"), ""s);
        QVERIFY(dtest::spin_until([&] {
            return service->summary().contains(QStringLiteral("script exceeded its 200 ms budget"));
        }));
        QCOMPARE(converse(service->port(), {"next", "one"}),
                 (std::vector{"next\r\n"s, "one\r\n"s}));
        service->stop();
    }

    void syntaxErrorRefusesToStart()
    {
        const auto problem = checkScript(QStringLiteral("function onLine(line) {\n"
                                                        "    return line +;\n"
                                                        "}\n"));
        QVERIFY(problem);
        QCOMPARE(problem->line, 2);
        QVERIFY(problem->text().startsWith(QStringLiteral("line 2: SyntaxError")));
        QVERIFY(checkScript(QStringLiteral("function other() {}")));
        QVERIFY(checkScript(QStringLiteral("while (true) {}"))
                    ->message.contains(QStringLiteral("budget")));

        WorkspaceController workspace;
        ServiceController *service =
            addService(workspace, scriptService(QStringLiteral("function onLine(line) {\n  )\n}")));
        QVERIFY(!service->start());
        QVERIFY(service->state() == ItemState::Error);
        QVERIFY(service->errorText().contains(QStringLiteral("line 2")));
    }

    // The Service panel: Script shows the script (the default one at first), checks it as it is
    // edited (the syntax error and its line under it) and starts a Service that runs it.
    void panelEditsAndStartsAScript()
    {
        WorkspaceController workspace;
        ServiceController *service = addService(workspace, ServiceSpec{});
        ServiceEditor editor(workspace);
        editor.setController(service);
        editor.show();
        ScriptEditor *script = editor.scriptEditor();
        QVERIFY(!script->isVisible()); // holla
        ServiceSpec spec = editor.editedSpec();
        spec.port = dtest::free_port();
        spec.behaviour = Behaviour::Script;
        editor.setFields(spec);
        QVERIFY(script->isVisible());
        QCOMPARE(script->script(), defaultScript());
        QVERIFY(script->problemText().isEmpty());

        auto *text = script->findChild<QPlainTextEdit *>(QStringLiteral("script"));
        QVERIFY(text);
        text->setPlainText(QStringLiteral("function onLine(line) {\n\n  return line +;\n}"));
        QVERIFY(dtest::spin_until([&] { return !script->problemText().isEmpty(); }));
        QVERIFY(script->problemText().startsWith(QStringLiteral("line 3:")));
        QVERIFY(!editor.startService());
        QVERIFY(editor.errorText().contains(QStringLiteral("line 3")));

        text->setPlainText(QStringLiteral("function onLine(line) { return '<' + line + '>'; }"));
        script->check();
        QVERIFY(script->problemText().isEmpty());
        QVERIFY(editor.startService());
        QCOMPARE(converse(spec.port, {"x"}), std::vector{"<x>\r\n"s});
        QCOMPARE(service->spec().script, text->toPlainText());
        editor.stopService();
    }

    void scriptSavesAndLoads()
    {
        ServiceSpec script = scriptService(QStringLiteral("function onLine(l) {\n  return l;\n}"));
        script.scriptBudgetMs = 250;
        ServiceSpec plain;
        plain.name = QStringLiteral("plain");
        Workspace w;
        w.items = {serviceItem(script, QStringLiteral("script")),
                   serviceItem(plain, QStringLiteral("plain"))};
        const QByteArray json = workspaceJson(w);
        QCOMPARE(json.count("\"script\":"), 1); // the holla Service writes none
        const WorkspaceResult read = parseWorkspace(json, QStringLiteral("test"));
        QVERIFY2(read, qPrintable(read.error));
        QCOMPARE(read.workspace->items, w.items);
        QCOMPARE(readServiceSpec(read.workspace->items.at(0).settings, {}, nullptr), script);
        const WorkspaceResult udp =
            parseWorkspace(R"({"version":2,"items":[{"id":"s","type":"service","name":"s",
                              "transport":"udp","behaviour":"script"}]})",
                           QStringLiteral("test"));
        QVERIFY(!udp);
        QVERIFY2(udp.error.contains(QStringLiteral("items[0].behaviour")), qPrintable(udp.error));
        const WorkspaceResult budget =
            parseWorkspace(R"({"version":2,"items":[{"id":"s","type":"service","name":"s",
                              "behaviour":"script","scriptBudget":0}]})",
                           QStringLiteral("test"));
        QVERIFY2(!budget && budget.error.contains(QStringLiteral("items[0].scriptBudget")),
                 qPrintable(budget.error));
    }

    void versionOneScriptMigrates()
    {
        const WorkspaceResult v1 = parseWorkspace(
            R"({"version":1,"services":[{"name":"s","behaviour":"script",
                "script":"function onLine(l) { return l; }","scriptBudget":300}]})",
            QStringLiteral("v1"));
        QVERIFY2(v1, qPrintable(v1.error));
        const ServiceSpec spec = readServiceSpec(v1.workspace->items.at(0).settings, {}, nullptr);
        QCOMPARE(int(spec.behaviour), int(Behaviour::Script));
        QCOMPARE(spec.script, QStringLiteral("function onLine(l) { return l; }"));
        QCOMPARE(spec.scriptBudgetMs, 300);
        QVERIFY(!parseWorkspace(R"({"version":1,"services":[{"name":"s","transport":"udp",
                                   "behaviour":"script"}]})",
                                QStringLiteral("v1")));
    }
};

QTEST_MAIN(TestAppScript)
#include "tst_app_script.moc"
