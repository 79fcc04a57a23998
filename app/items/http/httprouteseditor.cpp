// SPDX-License-Identifier: MIT
#include "httprouteseditor.h"
#include "httpscriptroute.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace workbench {

namespace {
constexpr RouteKind kKinds[] = {RouteKind::Text,   RouteKind::Json,    RouteKind::Echo,
                                RouteKind::Files,  RouteKind::WsEcho,  RouteKind::WsBroadcast,
                                RouteKind::Script, RouteKind::WsScript};

// The body cell edits in a multi-line editor, taller than its row: bodies, JSON documents and
// scripts have lines (Enter is a new line; leaving the editor keeps the text).
class MultiLineDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &,
                          const QModelIndex &) const override
    {
        auto *editor = new QPlainTextEdit(parent);
        editor->setTabChangesFocus(true);
        return editor;
    }
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &) const override
    {
        QRect rect = option.rect;
        rect.setHeight(std::max(rect.height(), option.fontMetrics.height() * 10));
        editor->setGeometry(rect);
    }
};

// What a route of `kind` starts with when its body is empty: a script for the script kinds.
QString starterBody(RouteKind kind)
{
    if (kind == RouteKind::Script)
        return defaultRequestScript();
    if (kind == RouteKind::WsScript)
        return defaultWebSocketScript();
    return {};
}
} // namespace

HttpRoutesEditor::HttpRoutesEditor(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, Columns, this))
{
    m_table->setHorizontalHeaderLabels({QStringLiteral("Method"), QStringLiteral("Path pattern"),
                                        QStringLiteral("Response"), QStringLiteral("Status"),
                                        QStringLiteral("Content type"),
                                        QStringLiteral("Body / folder")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setItemDelegateForColumn(BodyOrFolder, new MultiLineDelegate(m_table));
    m_table->verticalHeader()->setVisible(false);
    m_table->setToolTip(QStringLiteral(
        "Tried in order. Patterns: /users/<id>, /n/<int:n>, /x/<float:x>, /files/<path:rest>. "
        "Files and WebSocket routes answer GET whatever the method says. Script routes: the "
        "body is JavaScript defining onRequest(req), or onMessage(text, ws) for a WebSocket."));
    auto *add = new QPushButton(QStringLiteral("Add route"), this);
    auto *remove = new QPushButton(QStringLiteral("Remove route"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, &HttpRoutesEditor::addRow);
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
    });
}

void HttpRoutesEditor::appendRow(const HttpRoute &route)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, Method, new QTableWidgetItem(route.method));
    m_table->setItem(row, Pattern, new QTableWidgetItem(route.pattern));
    auto *kind = new QComboBox(m_table);
    for (RouteKind k : kKinds)
        kind->addItem(displayName(k), int(k));
    kind->setCurrentIndex(kind->findData(int(route.kind)));
    m_table->setCellWidget(row, Kind, kind);
    // Choosing a script kind for a row without a body gives it a script to start from.
    connect(kind, &QComboBox::currentIndexChanged, this, [this, kind] {
        for (int at = 0; at < m_table->rowCount(); ++at) {
            QTableWidgetItem *body = m_table->item(at, BodyOrFolder);
            if (m_table->cellWidget(at, Kind) == kind && body && body->text().trimmed().isEmpty())
                body->setText(starterBody(RouteKind(kind->currentData().toInt())));
        }
    });
    m_table->setItem(row, Status, new QTableWidgetItem(QString::number(route.status)));
    m_table->setItem(row, ContentType, new QTableWidgetItem(route.contentType));
    m_table->setItem(
        row, BodyOrFolder,
        new QTableWidgetItem(route.kind == RouteKind::Files ? route.folder : route.body));
}

void HttpRoutesEditor::setRoutes(const std::vector<HttpRoute> &routes)
{
    m_table->setRowCount(0);
    for (const HttpRoute &route : routes)
        appendRow(route);
}

int HttpRoutesEditor::addRow()
{
    HttpRoute route;
    route.pattern = QStringLiteral("/new");
    appendRow(route);
    return m_table->rowCount() - 1;
}

std::vector<HttpRoute> HttpRoutesEditor::routes() const
{
    auto text = [this](int row, int column) {
        const QTableWidgetItem *item = m_table->item(row, column);
        return item ? item->text().trimmed() : QString();
    };
    std::vector<HttpRoute> routes;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        HttpRoute r;
        r.method = text(row, Method).toUpper();
        r.pattern = text(row, Pattern);
        if (const auto *kind = qobject_cast<QComboBox *>(m_table->cellWidget(row, Kind)))
            r.kind = RouteKind(kind->currentData().toInt());
        bool ok = false;
        const int status = text(row, Status).toInt(&ok);
        r.status = ok && status >= 100 && status <= 599 ? status : 200;
        r.contentType = text(row, ContentType);
        (r.kind == RouteKind::Files ? r.folder : r.body) =
            m_table->item(row, BodyOrFolder) ? m_table->item(row, BodyOrFolder)->text() : QString();
        routes.push_back(r);
    }
    return routes;
}

} // namespace workbench
