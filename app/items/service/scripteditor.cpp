// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "scriptbehaviour.h"
#include "scripteditor.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace workbench {

ScriptEditor::ScriptEditor(QWidget *parent)
    : QGroupBox(QStringLiteral("Script"), parent)
{
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("script"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setTabChangesFocus(true);
    m_text->setMinimumHeight(120);
    m_text->setToolTip(QStringLiteral(
        "JavaScript: onLine(line, conn) returns the reply line (undefined or null: none); "
        "optional onConnect(conn) and onClose(conn). conn.send(text), conn.close(), conn.state "
        "(kept per connection), conn.peer."));
    m_budget = new QSpinBox(this);
    m_budget->setObjectName(QStringLiteral("scriptBudget"));
    m_budget->setRange(1, 60000);
    m_budget->setSuffix(QStringLiteral(" ms"));
    m_budget->setToolTip(QStringLiteral("How long one call may run; a call that runs longer is "
                                        "interrupted and fails its connection"));
    m_problem = makeErrorLabel(this);
    m_problem->setObjectName(QStringLiteral("scriptProblem"));
    m_checkSoon = new QTimer(this);
    m_checkSoon->setSingleShot(true);
    m_checkSoon->setInterval(300);

    auto *budgetRow = makeForm();
    budgetRow->addRow(QStringLiteral("Time &budget per call"), m_budget);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_problem);
    layout->addLayout(budgetRow);

    connect(m_text, &QPlainTextEdit::textChanged, m_checkSoon, qOverload<>(&QTimer::start));
    connect(m_checkSoon, &QTimer::timeout, this, &ScriptEditor::check);
}

QString ScriptEditor::script() const
{
    return m_text->toPlainText();
}

int ScriptEditor::budgetMs() const
{
    return m_budget->value();
}

void ScriptEditor::setScript(const QString &script, int budgetMs)
{
    m_text->setPlainText(script.isEmpty() ? defaultScript() : script);
    m_budget->setValue(budgetMs);
    check();
}

void ScriptEditor::check()
{
    m_checkSoon->stop();
    const auto problem = checkScript(script(), std::chrono::milliseconds(budgetMs()));
    m_problem->setText(problem ? problem->text() : QString());
    m_problem->setVisible(problem.has_value());
}

QString ScriptEditor::problemText() const
{
    return m_problem->text();
}

} // namespace workbench
