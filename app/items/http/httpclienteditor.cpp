// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "httpclientcontroller.h"
#include "httpclienteditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace workbench {

HttpClientEditor::HttpClientEditor(WorkspaceController &workspace, QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_workspace(workspace)
{
    m_state = new StateLine(this);
    m_error = makeErrorLabel(this);
    m_name = new QLineEdit(this);
    m_method = new QComboBox(this);
    m_method->setEditable(true);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                        QStringLiteral("OPTIONS")});
    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080/"));
    m_headers = new QPlainTextEdit(this);
    m_headers->setPlaceholderText(QStringLiteral("Accept: application/json"));
    m_headers->setToolTip(QStringLiteral("One \"Name: value\" per line; Host, User-Agent and "
                                         "Content-Length are added"));
    m_body = new QPlainTextEdit(this);
    m_timeout = new QDoubleSpinBox(this);
    m_timeout->setRange(0.001, 3600);
    m_timeout->setDecimals(3);
    m_timeout->setSuffix(QStringLiteral(" s"));
    m_verify = new QCheckBox(QStringLiteral("Verify the server's certificate (https)"), this);
    m_count = new QSpinBox(this);
    m_count->setRange(0, 1000000);
    m_count->setSpecialValueText(QStringLiteral("until stopped"));
    m_count->setToolTip(QStringLiteral("Requests per Send"));
    m_interval = new QDoubleSpinBox(this);
    m_interval->setRange(0, 86400);
    m_interval->setDecimals(3);
    m_interval->setSuffix(QStringLiteral(" s"));
    m_interval->setToolTip(QStringLiteral("Pause between two requests of a repeat"));

    auto *form = makeForm();
    form->addRow(QStringLiteral("&Name"), m_name);
    form->addRow(QStringLiteral("&Method"), m_method);
    form->addRow(QStringLiteral("&URL"), m_url);
    form->addRow(QStringLiteral("&Headers"), m_headers);
    form->addRow(QStringLiteral("&Body"), m_body);
    form->addRow(QStringLiteral("&Timeout"), m_timeout);
    form->addRow(QString(), m_verify);
    form->addRow(QStringLiteral("&Repeat"), m_count);
    form->addRow(QStringLiteral("&Every"), m_interval);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_error);
    layout->addLayout(form);
    auto *applyButton = makeApplyButton(this);
    connect(applyButton, &QPushButton::clicked, this, &HttpClientEditor::apply);
    addButtonRow(
        layout, this, applyButton, QStringLiteral("&Send"), [this] { send(); },
        QStringLiteral("S&top"),
        [this] {
            if (m_controller)
                m_controller->stop();
        });
    layout->addStretch(1);
    setController(nullptr);
}

HttpClientSpec HttpClientEditor::editedSpec() const
{
    HttpClientSpec spec = m_controller ? m_controller->spec() : HttpClientSpec{};
    spec.name = m_name->text().trimmed();
    spec.method = m_method->currentText().trimmed().toUpper();
    spec.url = m_url->text().trimmed();
    spec.headers = m_headers->toPlainText();
    spec.body = m_body->toPlainText();
    spec.timeout = m_timeout->value();
    spec.verifyPeer = m_verify->isChecked();
    spec.repeatCount = m_count->value();
    spec.repeatInterval = m_interval->value();
    return spec;
}

bool HttpClientEditor::apply()
{
    return applyChecked(m_controller, m_error, m_workspace, [this] {
        HttpClientSpec spec =
            readHttpClientSpec(httpClientJson(editedSpec()), QStringLiteral("HTTP client"));
        parseHeaderLines(spec.headers); // refused here rather than at every request
        return spec;
    });
}

bool HttpClientEditor::send()
{
    return apply() && m_controller->start();
}

void HttpClientEditor::loadController(HttpClientController *controller)
{
    const HttpClientSpec spec = controller ? controller->spec() : HttpClientSpec{};
    m_name->setText(spec.name);
    m_method->setCurrentText(spec.method);
    m_url->setText(spec.url);
    m_headers->setPlainText(spec.headers);
    m_body->setPlainText(spec.body);
    m_timeout->setValue(spec.timeout);
    m_verify->setChecked(spec.verifyPeer);
    m_count->setValue(spec.repeatCount);
    m_interval->setValue(spec.repeatInterval);
}

void HttpClientEditor::refresh()
{
    if (!m_controller) {
        m_state->displayText(QStringLiteral("Select an HTTP client in the workspace"));
        m_error->hide();
        return;
    }
    showState(m_state, m_error, *m_controller, m_controller->name());
}

} // namespace workbench
