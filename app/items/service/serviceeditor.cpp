// SPDX-License-Identifier: MIT
#include "brokerclients.h"
#include "editorparts.h"
#include "faulteditor.h"
#include "itemtype.h"
#include "scriptbehaviour.h"
#include "scripteditor.h"
#include "servicecontroller.h"
#include "serviceeditor.h"
#include "workspacecontroller.h"
#include "workspacemodel.h"

#include <diesel/widgets/visuals.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace workbench {

ServiceEditor::ServiceEditor(WorkspaceController &workspace, QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_workspace(workspace)
{
    m_state = new StateLine(this);
    m_error = makeErrorLabel(this);
    m_details = new QLabel(this);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_name = new QLineEdit(this);
    m_name->setToolTip(QStringLiteral("A name for this Service: its connections and Loops are "
                                      "labelled \"name :port\""));
    m_transport = makeTransportBox(this, QStringLiteral("TCP: a Loop per connection (Service); "
                                                        "UDP: one Loop for every datagram "
                                                        "(UDPService)"));

    m_iface = new QComboBox(this);
    m_iface->setObjectName(QStringLiteral("interface"));
    m_iface->addItem(QStringLiteral("127.0.0.1 (this machine only)"), QStringLiteral("127.0.0.1"));
    m_iface->addItem(QStringLiteral("::1 (this machine only, IPv6)"), QStringLiteral("::1"));
    m_iface->addItem(QStringLiteral("0.0.0.0 (all IPv4 interfaces)"), QStringLiteral("0.0.0.0"));
    m_iface->addItem(QStringLiteral(":: (all interfaces)"), QStringLiteral("::"));
    m_iface->setToolTip(QStringLiteral("Where to listen. All interfaces lets other machines "
                                       "connect, so it asks first."));

    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(QStringLiteral("any (the OS picks)"));
    m_port->setToolTip(QStringLiteral("The port to listen on"));
    m_nextFree = new QToolButton(this);
    m_nextFree->setText(QStringLiteral("Next free"));
    m_nextFree->setToolTip(QStringLiteral("The first port from 4321 that is free and not used by "
                                          "another item"));
    auto *portRow = new QHBoxLayout;
    portRow->addWidget(m_port, 1);
    portRow->addWidget(m_nextFree);

    m_behaviour = new QComboBox(this);
    for (Behaviour b : {Behaviour::Echo, Behaviour::Holla, Behaviour::Broker, Behaviour::QueuePush,
                        Behaviour::Script, Behaviour::Forward, Behaviour::Publish})
        m_behaviour->addItem(displayName(b), int(b));
    m_behaviour->setToolTip(QStringLiteral(
        "Echo: bytes back as they came. Holla: each line back IN ALL CAPS (the guide's server). "
        "Broker: SUBSCRIBE chan / PUBLISH chan message over lines, built on diesel::Fanout. "
        "Queue: each line into a workspace Queue. Script: a JavaScript function answers each "
        "line. Forward: each line through a workspace Pool, its reply back (a proxy). Publish: "
        "each line to a channel of a broker Service."));

    m_linkLabel = new QLabel(QStringLiteral("&Queue"), this);
    m_link = new QComboBox(this);
    m_link->setObjectName(QStringLiteral("link"));
    m_link->setToolTip(QStringLiteral("The workspace item this behaviour uses: the Queue that "
                                      "receives the lines, the Pool that forwards them or the "
                                      "broker Service that publishes them"));
    m_linkLabel->setBuddy(m_link);
    m_channel = new QLineEdit(this);
    m_channel->setObjectName(QStringLiteral("channel"));
    m_channel->setPlaceholderText(QStringLiteral("news"));
    m_channel->setToolTip(QStringLiteral("The broker's channel each line is published to (one "
                                         "word); its subscribers get MESSAGE channel line"));

    // A broker's one-click Clients.
    m_brokerBar = new QWidget(this);
    m_brokerChannel = new QLineEdit(QStringLiteral("news"), m_brokerBar);
    m_brokerChannel->setObjectName(QStringLiteral("brokerChannel"));
    m_brokerChannel->setToolTip(QStringLiteral("The channel of the Clients added here"));
    m_addSubscriber = new QPushButton(QStringLiteral("Add su&bscriber"), m_brokerBar);
    m_addSubscriber->setToolTip(QStringLiteral("A Client that subscribes to the channel and "
                                               "shows what is published there (the broker must "
                                               "be running)"));
    m_addPublisher = new QPushButton(QStringLiteral("Add pu&blisher"), m_brokerBar);
    m_addPublisher->setToolTip(QStringLiteral("A Client that publishes \"message N\" on the "
                                              "channel once a second (the broker must be "
                                              "running)"));
    // Two rows: the Properties panel stays narrow.
    auto *channelRow = new QHBoxLayout;
    channelRow->addWidget(new QLabel(QStringLiteral("Channel"), m_brokerBar));
    channelRow->addWidget(m_brokerChannel, 1);
    auto *clientButtons = new QHBoxLayout;
    clientButtons->addWidget(m_addSubscriber);
    clientButtons->addWidget(m_addPublisher);
    clientButtons->addStretch(1);
    auto *barLayout = new QVBoxLayout(m_brokerBar);
    barLayout->setContentsMargins(0, 0, 0, 0);
    barLayout->addLayout(channelRow);
    barLayout->addLayout(clientButtons);
    auto *topologyHint = new QLabel(QStringLiteral("Its channels and subscriber Loops, with "
                                                   "messages/s and latency: Console \u25b8 "
                                                   "Topology."),
                                    m_brokerBar);
    topologyHint->setWordWrap(true);
    barLayout->addWidget(topologyHint);

    m_tls = new QComboBox(this);
    m_tls->addItem(QStringLiteral("Off"), int(TlsMode::Off));
    m_tls->addItem(QStringLiteral("Certificate and key files"), int(TlsMode::Files));
    m_tls->addItem(QStringLiteral("Self-signed (for testing)"), int(TlsMode::SelfSigned));
    m_tls->setToolTip(QStringLiteral("TLS for a TCP Service (OpenSSL)"));
    m_cert = new QLineEdit(this);
    m_cert->setPlaceholderText(QStringLiteral("certificate chain (PEM)"));
    m_key = new QLineEdit(this);
    m_key->setPlaceholderText(QStringLiteral("private key (PEM)"));
    m_certBrowse = new QToolButton(this);
    m_certBrowse->setText(QStringLiteral("\u2026"));
    m_certBrowse->setToolTip(QStringLiteral("Choose the certificate file"));
    m_keyBrowse = new QToolButton(this);
    m_keyBrowse->setText(QStringLiteral("\u2026"));
    m_keyBrowse->setToolTip(QStringLiteral("Choose the key file"));
    auto *certRow = new QHBoxLayout;
    certRow->addWidget(m_cert, 1);
    certRow->addWidget(m_certBrowse);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_keyBrowse);

    m_autostart = new QCheckBox(QStringLiteral("Start with the workspace"), this);

    m_idleTimeout = new QSpinBox(this);
    m_idleTimeout->setObjectName(QStringLiteral("idleTimeout"));
    m_idleTimeout->setRange(0, 86400);
    m_idleTimeout->setSuffix(QStringLiteral(" s"));
    m_idleTimeout->setSpecialValueText(QStringLiteral("never"));
    m_idleTimeout->setToolTip(QStringLiteral("TCP: close a connection that sent nothing for this "
                                             "long (its Loop ends with ConnectionTimeout)"));
    m_minRate = new QSpinBox(this);
    m_minRate->setObjectName(QStringLiteral("minReceiveRate"));
    m_minRate->setRange(0, 1 << 30);
    m_minRate->setSuffix(QStringLiteral(" bytes/s"));
    m_minRate->setSpecialValueText(QStringLiteral("any"));
    m_minRate->setToolTip(QStringLiteral("TCP: close a connection whose line in progress arrives "
                                         "slower than this after 10 s (slowloris)"));

    m_faults = new FaultEditor(this);
    m_script = new ScriptEditor(this);

    auto *form = makeForm();
    form->addRow(QStringLiteral("&Name"), m_name);
    form->addRow(QStringLiteral("&Transport"), m_transport);
    form->addRow(QStringLiteral("&Interface"), m_iface);
    auto *portLabel = new QLabel(QStringLiteral("&Port"), this);
    portLabel->setBuddy(m_port);
    form->addRow(portLabel, portRow);
    form->addRow(QStringLiteral("&Behaviour"), m_behaviour);
    form->addRow(m_linkLabel, m_link);
    form->addRow(QStringLiteral("Cha&nnel"), m_channel);
    form->addRow(QStringLiteral("T&LS"), m_tls);
    form->addRow(QStringLiteral("Certificate"), certRow);
    form->addRow(QStringLiteral("Key"), keyRow);
    form->addRow(QStringLiteral("I&dle timeout"), m_idleTimeout);
    form->addRow(QStringLiteral("&Minimum rate"), m_minRate);
    form->addRow(QString(), m_autostart);

    m_apply = makeApplyButton(this, QStringLiteral("Use these settings (a running Service "
                                                   "restarts) (Ctrl+Return)"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_error);
    layout->addLayout(form);
    const StartStopButtons buttons = addButtonRow(
        layout, this, m_apply, QStringLiteral("&Start"), [this] { startService(); },
        QStringLiteral("S&top"), [this] { stopService(); });
    m_start = buttons.start;
    m_start->setToolTip(QStringLiteral("Bind the port and start serving"));
    m_stop = buttons.stop;
    m_stop->setObjectName(QStringLiteral("serviceStop"));
    m_stop->setToolTip(QStringLiteral("Close the port; open connections close"));
    layout->addWidget(m_brokerBar);
    // Below the buttons: Start and Stop stay in a small window.
    layout->addWidget(m_script);
    layout->addWidget(m_faults);
    layout->addWidget(m_details);
    layout->addStretch(1);

    // Connection counts change without a signal: refresh them while the panel is shown.
    auto *timer = new QTimer(this);
    timer->setInterval(1000);
    connect(timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    timer->start();
    connect(m_transport, &QComboBox::currentIndexChanged, this, &ServiceEditor::updateEnabled);
    connect(m_behaviour, &QComboBox::currentIndexChanged, this, &ServiceEditor::onBehaviourChosen);
    connect(m_addSubscriber, &QPushButton::clicked, this, &ServiceEditor::addSubscriber);
    connect(m_addPublisher, &QPushButton::clicked, this, &ServiceEditor::addPublisher);
    connect(m_tls, &QComboBox::currentIndexChanged, this, &ServiceEditor::updateEnabled);
    connect(m_iface, &QComboBox::currentIndexChanged, this, &ServiceEditor::onInterfaceChosen);
    connect(m_nextFree, &QToolButton::clicked, this, &ServiceEditor::suggestPort);
    connect(m_certBrowse, &QToolButton::clicked, this,
            [this] { browse(m_cert, QStringLiteral("Certificate (PEM)")); });
    connect(m_keyBrowse, &QToolButton::clicked, this,
            [this] { browse(m_key, QStringLiteral("Private key (PEM)")); });
    connect(m_apply, &QPushButton::clicked, this, &ServiceEditor::apply);
    updateEnabled(); // the broker's bar and the script stay hidden until a broker is shown
    setController(nullptr);
}

void ServiceEditor::loadController(ServiceController *controller)
{
    if (controller)
        setFields(controller->spec());
}

ServiceSpec ServiceEditor::editedSpec() const
{
    ServiceSpec spec = m_controller ? m_controller->spec() : ServiceSpec{};
    spec.name = m_name->text().trimmed();
    spec.transport = Transport(m_transport->currentData().toInt());
    spec.iface = m_iface->currentData().toString();
    spec.port = std::uint16_t(m_port->value());
    spec.behaviour = Behaviour(m_behaviour->currentData().toInt());
    // Each behaviour keeps only its own link (see readServiceSpec()).
    const QString link = m_link->currentData().toString();
    spec.queue = spec.behaviour == Behaviour::QueuePush ? link : QString();
    spec.pool = spec.behaviour == Behaviour::Forward ? link : QString();
    spec.broker = spec.behaviour == Behaviour::Publish ? link : QString();
    spec.channel = spec.behaviour == Behaviour::Publish ? m_channel->text().trimmed() : QString();
    spec.tls = TlsMode(m_tls->currentData().toInt());
    spec.certFile = m_cert->text().trimmed();
    spec.keyFile = m_key->text().trimmed();
    spec.autostart = m_autostart->isChecked();
    spec.idleTimeout = m_idleTimeout->value();
    spec.minReceiveRate = m_minRate->value();
    spec.faults = m_faults->spec();
    if (spec.behaviour == Behaviour::Script) {
        spec.script = m_script->script() == defaultScript() ? QString() : m_script->script();
        spec.scriptBudgetMs = m_script->budgetMs();
    }
    return spec;
}

void ServiceEditor::setFields(const ServiceSpec &spec)
{
    const QSignalBlocker b1(m_iface);
    m_name->setText(spec.name);
    m_transport->setCurrentIndex(m_transport->findData(int(spec.transport)));
    int iface = m_iface->findData(spec.iface);
    if (iface < 0) {
        m_iface->addItem(spec.iface, spec.iface);
        iface = m_iface->count() - 1;
    }
    m_iface->setCurrentIndex(iface);
    m_lastIface = spec.iface;
    m_port->setValue(spec.port);
    {
        const QSignalBlocker b2(m_behaviour);
        m_behaviour->setCurrentIndex(m_behaviour->findData(int(spec.behaviour)));
    }
    fillLinks(spec.behaviour, linkedId(spec));
    m_channel->setText(spec.channel);
    m_tls->setCurrentIndex(m_tls->findData(int(spec.tls)));
    m_cert->setText(spec.certFile);
    m_key->setText(spec.keyFile);
    m_autostart->setChecked(spec.autostart);
    m_idleTimeout->setValue(spec.idleTimeout);
    m_minRate->setValue(spec.minReceiveRate);
    m_faults->setSpec(spec.faults);
    m_script->setScript(spec.script, spec.scriptBudgetMs);
    updateEnabled();
}

void ServiceEditor::fillLinks(Behaviour behaviour, const QString &current)
{
    // Items are linked by id and shown by name; a link to an item that is gone stays visible
    // (and the Service shows the error) until the person picks another.
    const QString type = linkedType(behaviour);
    m_link->clear();
    for (ItemController *item : m_workspace.items()) {
        if (type.isEmpty() || item->type().id != type || item == m_controller)
            continue;
        // A Service publishes only to a broker.
        const auto *service = qobject_cast<ServiceController *>(item);
        if (service && service->spec().behaviour != Behaviour::Broker)
            continue;
        m_link->addItem(item->name(), item->id());
    }
    int index = m_link->findData(current);
    if (index < 0 && !current.isEmpty()) {
        m_link->addItem(QStringLiteral("(missing: %1)").arg(current), current);
        index = m_link->count() - 1;
    }
    m_link->setCurrentIndex(index);
    m_linkLabel->setText(behaviour == Behaviour::Forward   ? QStringLiteral("&Pool")
                         : behaviour == Behaviour::Publish ? QStringLiteral("&Broker")
                                                           : QStringLiteral("&Queue"));
}

QList<QPair<QString, QString>> ServiceEditor::linkChoices() const
{
    QList<QPair<QString, QString>> choices;
    for (int i = 0; i < m_link->count(); ++i)
        choices.append({m_link->itemText(i), m_link->itemData(i).toString()});
    return choices;
}

void ServiceEditor::setLink(const QString &id)
{
    m_link->setCurrentIndex(m_link->findData(id));
}

void ServiceEditor::onBehaviourChosen()
{
    // The link the Service has for the chosen behaviour, if any.
    ServiceSpec spec = m_controller ? m_controller->spec() : ServiceSpec{};
    spec.behaviour = Behaviour(m_behaviour->currentData().toInt());
    fillLinks(spec.behaviour, linkedId(spec));
    updateEnabled();
}

ClientController *ServiceEditor::addSubscriber()
{
    if (!m_controller)
        return nullptr;
    return addBrokerClient(m_workspace, *m_controller, BrokerRole::Subscriber,
                           m_brokerChannel->text().trimmed());
}

ClientController *ServiceEditor::addPublisher()
{
    if (!m_controller)
        return nullptr;
    return addBrokerClient(m_workspace, *m_controller, BrokerRole::Publisher,
                           m_brokerChannel->text().trimmed());
}

void ServiceEditor::updateEnabled()
{
    const bool tcp = Transport(m_transport->currentData().toInt()) == Transport::Tcp;
    const auto behaviour = Behaviour(m_behaviour->currentData().toInt());
    const auto tls = TlsMode(m_tls->currentData().toInt());
    m_link->setEnabled(!linkedType(behaviour).isEmpty());
    m_channel->setEnabled(behaviour == Behaviour::Publish);
    m_brokerBar->setVisible(behaviour == Behaviour::Broker);
    m_tls->setEnabled(tcp);
    m_idleTimeout->setEnabled(tcp);
    m_minRate->setEnabled(tcp);
    m_faults->setEnabled(tcp);
    m_script->setVisible(behaviour == Behaviour::Script);
    m_cert->setEnabled(tcp && tls == TlsMode::Files);
    m_key->setEnabled(tcp && tls == TlsMode::Files);
    m_certBrowse->setEnabled(m_cert->isEnabled());
    m_keyBrowse->setEnabled(m_key->isEnabled());
}

void ServiceEditor::onInterfaceChosen()
{
    const QString iface = m_iface->currentData().toString();
    if (isAllInterfaces(iface) && !isAllInterfaces(m_lastIface) && m_confirm &&
        !m_confirm(this, QStringLiteral("Listen on every interface (%1)? Other machines on "
                                        "your networks can then connect to this Service.")
                             .arg(iface))) {
        const QSignalBlocker block(m_iface);
        m_iface->setCurrentIndex(std::max(0, m_iface->findData(m_lastIface)));
        return;
    }
    m_lastIface = iface;
}

void ServiceEditor::suggestPort()
{
    const auto transport = Transport(m_transport->currentData().toInt());
    if (const std::uint16_t port = m_workspace.suggestPort(transport))
        m_port->setValue(port);
}

void ServiceEditor::browse(QLineEdit *edit, const QString &title)
{
    const QString path = QFileDialog::getOpenFileName(this, title, edit->text(),
                                                      QStringLiteral("PEM files (*.pem *.crt "
                                                                     "*.key);;All files (*)"));
    if (!path.isEmpty())
        edit->setText(path);
}

bool ServiceEditor::apply()
{
    if (!m_controller)
        return false;
    const ServiceSpec spec = editedSpec();
    if (spec == m_controller->spec())
        return true;
    if (spec.name.isEmpty()) {
        m_error->setText(QStringLiteral("A Service needs a name."));
        return false;
    }
    if (!linkedType(spec.behaviour).isEmpty() && linkedId(spec).isEmpty()) {
        m_error->setText(QStringLiteral("Pick the %1 this behaviour uses (add one first if there "
                                        "is none).")
                             .arg(m_linkLabel->text().remove(QLatin1Char('&'))));
        m_error->show();
        return false;
    }
    if (spec.behaviour == Behaviour::Publish &&
        (spec.channel.isEmpty() || spec.channel.contains(QLatin1Char(' ')))) {
        m_error->setText(QStringLiteral("Publishing needs a channel: one word, as \"news\"."));
        m_error->show();
        return false;
    }
    const std::size_t live =
        m_controller->onlyFaultsDiffer(spec) ? 0 : m_controller->liveConnections();
    if (live > 0 && m_confirm &&
        !m_confirm(this, QStringLiteral("Applying restarts %1 and closes its %2 open "
                                        "connections. Go ahead?")
                             .arg(m_controller->label())
                             .arg(live)))
        return false;
    m_controller->setSpec(spec);
    m_workspace.markModified();
    refresh();
    return true;
}

bool ServiceEditor::startService()
{
    if (!m_controller || !apply())
        return false;
    const bool ok = m_controller->start();
    refresh();
    return ok;
}

void ServiceEditor::stopService()
{
    if (!m_controller)
        return;
    const std::size_t live = m_controller->liveConnections();
    if (live > 0 && m_confirm &&
        !m_confirm(this, QStringLiteral("Stopping %1 closes its %2 open connections. Go ahead?")
                             .arg(m_controller->label())
                             .arg(live)))
        return;
    m_controller->stop();
    refresh();
}

QString ServiceEditor::errorText() const
{
    return m_error->text();
}

void ServiceEditor::refresh()
{
    if (!m_controller) {
        m_state->displayText(QStringLiteral("Select a Service in the workspace"));
        m_error->clear();
        m_error->hide();
        m_details->clear();
        return;
    }
    showState(m_state, m_error, *m_controller, m_controller->label());
    // A Service whose link broke is in the Error state but serves on: it can be stopped.
    const bool running = m_controller->running();
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    m_addSubscriber->setEnabled(running && m_controller->broker());
    m_addPublisher->setEnabled(running && m_controller->broker());
    if (running)
        m_details->setText(
            QStringLiteral("Listening on %1:%2 (%3) \u00b7 %4 open connections \u00b7 "
                           "%5 accepted")
                .arg(m_controller->spec().iface)
                .arg(m_controller->port())
                .arg(toString(m_controller->spec().transport))
                .arg(m_controller->liveConnections())
                .arg(m_controller->accepted()) +
            (m_controller->scriptError().isEmpty()
                 ? QString()
                 : QStringLiteral("\nLast script failure: ") + m_controller->scriptError()));
    else
        m_details->clear();
}

} // namespace workbench
