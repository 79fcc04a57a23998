// SPDX-License-Identifier: MIT
#include "scopefilter_p.h"

#include <diesel/widgets/decodedtrafficmodel.h>
#include <diesel/widgets/decodedtrafficpane.h>
#include <diesel/widgets/fastitemdelegate.h>
#include <diesel/widgets/followtail.h>
#include <diesel/widgets/format.h>

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace diesel::widgets {

DecodedTrafficPane::DecodedTrafficPane(DecodedTrafficModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new ScopeFilterProxy(DecodedTrafficModel::ConnectionIdRole,
                                   DecodedTrafficModel::OwnerRole, this))
    , m_choice(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_view(new QTableView(this))
    , m_detail(new QPlainTextEdit(this))
{
    m_proxy->setSourceModel(&model);
    m_choice->setObjectName(QStringLiteral("decodeAs"));
    m_choice->setToolTip(QStringLiteral("How the shown connection's bytes are read (every "
                                        "connection's when none is shown); Auto picks by port "
                                        "and first bytes"));
    fillChoices();
    m_status->setObjectName(QStringLiteral("decodeStatus"));
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    const int rowHeight = fontMetrics().height() + 4;
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_view->setObjectName(QStringLiteral("decodedMessages"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new FastItemDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideNone);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView *header = m_view->horizontalHeader();
    header->resizeSection(DecodedTrafficModel::ColTime,
                          fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000000")) + em);
    header->resizeSection(DecodedTrafficModel::ColConnection, 4 * em);
    header->resizeSection(DecodedTrafficModel::ColDirection, 5 * em);
    header->resizeSection(DecodedTrafficModel::ColSummary, 40 * em);
    header->setStretchLastSection(true);
    new FollowTail(m_view, this);

    m_detail->setObjectName(QStringLiteral("decodedDetail"));
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(QStringLiteral("Select a message to see it whole; double-click "
                                                "it to see its bytes"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(new QLabel(QStringLiteral("Decode as:"), this));
    bar->addWidget(m_choice);
    bar->addWidget(m_status, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_choice, &QComboBox::activated, this,
            [this] { Q_EMIT decodeAsChosen(m_choice->currentData().toString()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) {
                m_detail->setPlainText(index.data(DecodedTrafficModel::DetailRole).toString());
            });
    connect(m_view, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { Q_EMIT bytesRequested(index.row()); });
    connect(m_view, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid() || index.data(DecodedTrafficModel::NoteRole).toBool())
            return;
        QMenu menu(this);
        menu.addAction(QStringLiteral("Show its bytes\u2026"), this,
                       [this, row = index.row()] { Q_EMIT bytesRequested(row); });
        const ConnectionId conn = index.data(DecodedTrafficModel::ConnectionIdRole).toULongLong();
        menu.addAction(QStringLiteral("Only connection #%1").arg(conn), this,
                       [this, conn] { Q_EMIT connectionRequested(conn); });
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, &DecodedTrafficPane::updateStatus);
}

void DecodedTrafficPane::setOwner(const QString &owner)
{
    m_connection = 0;
    m_proxy->setConnection(0);
    m_proxy->setOwner(owner);
    updateStatus();
}

void DecodedTrafficPane::setConnection(ConnectionId id)
{
    m_connection = id;
    m_proxy->setConnection(id);
    showChoice(id ? m_model.choiceOf(id) : m_model.defaultChoice());
    updateStatus();
}

int DecodedTrafficPane::shownMessages() const
{
    return m_proxy->rowCount();
}

const DecodedRow *DecodedTrafficPane::shownRow(int row) const
{
    const QModelIndex index = m_proxy->index(row, 0);
    return index.isValid() ? &m_model.row(m_proxy->mapToSource(index).row()) : nullptr;
}

void DecodedTrafficPane::fillChoices()
{
    const QString current = m_choice->currentData().toString();
    const QSignalBlocker block(m_choice);
    m_choice->clear();
    m_choice->addItem(QStringLiteral("Auto"), DecodedTrafficModel::autoChoice());
    m_choice->addItem(QStringLiteral("Raw (no decoding)"), DecodedTrafficModel::rawChoice());
    for (const DecoderFactory &f : m_model.registry().factories())
        m_choice->addItem(f.name, f.id);
    m_choice->setCurrentIndex(std::max(0, m_choice->findData(current)));
}

void DecodedTrafficPane::showChoice(const QString &choice)
{
    const QSignalBlocker block(m_choice);
    m_choice->setCurrentIndex(std::max(0, m_choice->findData(choice)));
}

void DecodedTrafficPane::updateStatus()
{
    const ConnectionId id = m_connection;
    QString text;
    if (id == 0) {
        text = QStringLiteral("%1 messages").arg(exactNumber(std::uint64_t(shownMessages())));
    } else if (const QString failure = m_model.failureOf(id); !failure.isEmpty()) {
        text = QStringLiteral("#%1: %2").arg(id).arg(failure);
    } else if (const QString decoder = m_model.decoderOf(id); !decoder.isEmpty()) {
        const DecoderFactory *f = m_model.registry().find(decoder);
        text = QStringLiteral("#%1 decoded as %2").arg(id).arg(f ? f->name : decoder);
    } else {
        text = QStringLiteral("#%1 is not decoded").arg(id);
    }
    m_status->setText(text);
}

} // namespace diesel::widgets
