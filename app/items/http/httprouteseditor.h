// SPDX-License-Identifier: MIT
// The routes of an HTTP Service as rows to edit: method, path pattern, what answers (a choice),
// status, content type, and the body (text, JSON) or the folder (files).
#pragma once

#include "httproute.h"

#include <QWidget>

#include <vector>

class QTableWidget;

namespace workbench {

class HttpRoutesEditor : public QWidget
{
    Q_OBJECT

public:
    enum Column { Method, Pattern, Kind, Status, ContentType, BodyOrFolder, Columns };

    explicit HttpRoutesEditor(QWidget *parent = nullptr);

    void setRoutes(const std::vector<HttpRoute> &routes);
    /// The rows as routes; a status that is no number from 100 to 599 reads as 200.
    std::vector<HttpRoute> routes() const;
    /// Appends a row (GET /new → static text) and returns its index.
    int addRow();
    /// The table, for tests that type into it.
    QTableWidget *table() const noexcept { return m_table; }

private:
    void appendRow(const HttpRoute &route);

    QTableWidget *m_table;
};

} // namespace workbench
