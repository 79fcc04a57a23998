// SPDX-License-Identifier: MIT
// The HTTP Service's Properties: name, interface and port (0: any free one), its routes as rows,
// Start and Stop, and its error (a bad route, a port in use) next to it.
#pragma once

#include "itempanel.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace workbench {

class HttpRoutesEditor;
class HttpServiceController;
struct HttpServiceSpec;
class StateLine;
class WorkspaceController;

class HttpServiceEditor : public ItemPanel<HttpServiceController>
{
    Q_OBJECT

public:
    explicit HttpServiceEditor(WorkspaceController &workspace, QWidget *parent = nullptr);

    /// The settings in the fields.
    HttpServiceSpec editedSpec() const;
    /// Applies the fields (a running Service restarts); false, with the reason shown, when they
    /// are not valid.
    bool apply();
    HttpRoutesEditor *routes() const noexcept { return m_routes; }
    /// The error line as shown ("" when hidden).
    QString errorText() const;

private:
    void loadController(HttpServiceController *controller) override;
    void refresh() override;

    WorkspaceController &m_workspace;
    StateLine *m_state;
    QLabel *m_error;
    QLineEdit *m_name;
    QLineEdit *m_iface;
    QSpinBox *m_port;
    QCheckBox *m_autostart;
    HttpRoutesEditor *m_routes;
};

} // namespace workbench
