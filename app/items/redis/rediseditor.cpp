// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "jsonfields.h"
#include "rediscontroller.h"
#include "rediseditor.h"
#include "workspacecontroller.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace workbench {

namespace {
// "a:1, b:2" as a list; the checks come with the rest of the settings.
QStringList nodeList(const QString &text)
{
    QStringList nodes;
    for (const QString &s : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!s.trimmed().isEmpty())
            nodes << s.trimmed();
    return nodes;
}
} // namespace

RedisEditor::RedisEditor(WorkspaceController &workspace, QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_workspace(workspace)
    , m_state(new StateLine(this))
    , m_error(makeErrorLabel(this))
    , m_name(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_db(new QSpinBox(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_tls(new QCheckBox(QStringLiteral("TLS"), this))
    , m_verify(new QCheckBox(QStringLiteral("Verify the server's certificate"), this))
    , m_sentinelMaster(new QLineEdit(this))
    , m_sentinels(new QLineEdit(this))
    , m_cluster(new QLineEdit(this))
    , m_autostart(new QCheckBox(QStringLiteral("Connect with the workspace"), this))
    , m_launch(new QCheckBox(QStringLiteral("&Launch a local redis-server"), this))
{
    m_port->setRange(1, 65535);
    m_launch->setToolTip(QStringLiteral("Starts redis-server from the PATH on 127.0.0.1 at this "
                                        "port (a free one if it is taken) when the item starts, "
                                        "saving nothing, and stops it with the item"));
    // A launched server may take any free port.
    connect(m_launch, &QCheckBox::toggled, this, [this](bool launch) {
        m_port->setMinimum(launch ? 0 : 1);
        m_port->setSpecialValueText(launch ? QStringLiteral("any free port") : QString());
    });
    m_db->setRange(0, 1000000);
    m_db->setToolTip(QStringLiteral("SELECTed after connecting"));
    m_username->setPlaceholderText(QStringLiteral("default"));
    m_username->setToolTip(QStringLiteral("The ACL user for AUTH (Redis 6 and later)"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(QStringLiteral("AUTH after connecting when not empty; saved in the "
                                          "workspace file as written"));
    m_verify->setToolTip(QStringLiteral("Off for a self-signed test server"));
    m_sentinelMaster->setPlaceholderText(QStringLiteral("empty: connect to host and port"));
    m_sentinelMaster->setToolTip(QStringLiteral("The master's name the Sentinels monitor: the "
                                                "item asks them where it is, and follows "
                                                "failovers"));
    m_sentinels->setPlaceholderText(QStringLiteral("127.0.0.1:26379, 127.0.0.1:26380"));
    m_cluster->setPlaceholderText(QStringLiteral("empty: not a Cluster; else 127.0.0.1:7000, ..."));
    m_cluster->setToolTip(QStringLiteral("Seed nodes of a Redis Cluster: the item learns the slot "
                                         "map from them and sends each command to its key's "
                                         "node"));

    auto *form = makeForm();
    form->addRow(QStringLiteral("&Name"), m_name);
    form->addRow(QStringLiteral("&Host"), m_host);
    form->addRow(QStringLiteral("&Port"), m_port);
    form->addRow(QString(), m_launch);
    form->addRow(QStringLiteral("&Database"), m_db);
    form->addRow(QStringLiteral("&User"), m_username);
    form->addRow(QStringLiteral("Pass&word"), m_password);
    form->addRow(QString(), m_tls);
    form->addRow(QString(), m_verify);
    form->addRow(QStringLiteral("Sentinel &master"), m_sentinelMaster);
    form->addRow(QStringLiteral("S&entinels"), m_sentinels);
    form->addRow(QStringLiteral("C&luster seeds"), m_cluster);
    form->addRow(QString(), m_autostart);

    auto *applyButton = makeApplyButton(this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_error);
    layout->addLayout(form);
    addButtonRow(
        layout, this, applyButton, QStringLiteral("&Connect"),
        [this] {
            if (m_controller)
                m_controller->start();
        },
        QStringLiteral("Dis&connect"),
        [this] {
            if (m_controller)
                m_controller->stop();
        });
    layout->addStretch(1);

    connect(applyButton, &QPushButton::clicked, this, &RedisEditor::apply);
    setController(nullptr);
}

RedisSpec RedisEditor::editedSpec() const
{
    RedisSpec spec = m_controller ? m_controller->spec() : RedisSpec{};
    spec.name = m_name->text().trimmed();
    spec.host = m_host->text().trimmed();
    spec.port = std::uint16_t(m_port->value());
    spec.db = m_db->value();
    spec.username = m_username->text().trimmed();
    spec.password = m_password->text();
    spec.tls = m_tls->isChecked();
    spec.verifyPeer = m_verify->isChecked();
    spec.sentinelMaster = m_sentinelMaster->text().trimmed();
    spec.sentinels = nodeList(m_sentinels->text());
    spec.clusterSeeds = nodeList(m_cluster->text());
    spec.autostart = m_autostart->isChecked();
    spec.launch = m_launch->isChecked();
    return spec;
}

bool RedisEditor::apply()
{
    if (!m_controller)
        return false;
    const RedisSpec spec = editedSpec();
    try {
        // The fields are checked as a workspace file's would be.
        readRedisSpec(redisJson(spec), QStringLiteral("settings"));
    } catch (const Invalid &e) {
        m_error->setText(e.message);
        m_error->show();
        return false;
    }
    if (spec == m_controller->spec())
        return true;
    m_controller->setSpec(spec);
    m_workspace.markModified();
    return true;
}

QString RedisEditor::shownError() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void RedisEditor::loadController(RedisController *controller)
{
    const RedisSpec spec = controller ? controller->spec() : RedisSpec{};
    m_name->setText(spec.name);
    m_host->setText(spec.host);
    m_launch->setChecked(spec.launch); // before the port: it sets the port's range
    m_port->setValue(spec.port);
    m_db->setValue(spec.db);
    m_username->setText(spec.username);
    m_password->setText(spec.password);
    m_tls->setChecked(spec.tls);
    m_verify->setChecked(spec.verifyPeer);
    m_sentinelMaster->setText(spec.sentinelMaster);
    m_sentinels->setText(spec.sentinels.join(QStringLiteral(", ")));
    m_cluster->setText(spec.clusterSeeds.join(QStringLiteral(", ")));
    m_autostart->setChecked(spec.autostart);
}

void RedisEditor::refresh()
{
    if (!m_controller) {
        m_state->displayText(QStringLiteral("Select a Redis item in the workspace"));
        m_error->hide();
        return;
    }
    showState(m_state, m_error, *m_controller, m_controller->summary());
    // A lost connection is shown here while the item stays up: the next request reconnects.
    if (m_controller->state() != ItemState::Error && !m_controller->lastProblem().isEmpty()) {
        m_error->setText(m_controller->lastProblem());
        m_error->show();
    }
}

} // namespace workbench
