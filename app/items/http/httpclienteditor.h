// SPDX-License-Identifier: MIT
// The HTTP client's Properties, its request builder: method, URL, headers, body, timeout, how
// many requests at what rate; Send (applies the fields first) and Stop.
#pragma once

#include "itempanel.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace workbench {

class HttpClientController;
struct HttpClientSpec;
class StateLine;
class WorkspaceController;

class HttpClientEditor : public ItemPanel<HttpClientController>
{
    Q_OBJECT

public:
    explicit HttpClientEditor(WorkspaceController &workspace, QWidget *parent = nullptr);

    HttpClientSpec editedSpec() const;
    /// Applies the fields; false, with the reason shown, when they are not valid.
    bool apply();
    /// Applies the fields and sends.
    bool send();

    QComboBox *method() const noexcept { return m_method; }
    QLineEdit *url() const noexcept { return m_url; }
    QPlainTextEdit *headers() const noexcept { return m_headers; }
    QPlainTextEdit *body() const noexcept { return m_body; }
    QSpinBox *repeatCount() const noexcept { return m_count; }
    QDoubleSpinBox *repeatInterval() const noexcept { return m_interval; }

private:
    void loadController(HttpClientController *controller) override;
    void refresh() override;

    WorkspaceController &m_workspace;
    StateLine *m_state;
    QLabel *m_error;
    QLineEdit *m_name;
    QComboBox *m_method;
    QLineEdit *m_url;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QDoubleSpinBox *m_timeout;
    QCheckBox *m_verify;
    QSpinBox *m_count;
    QDoubleSpinBox *m_interval;
};

} // namespace workbench
