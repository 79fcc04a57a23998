// SPDX-License-Identifier: MIT
#include "jsonfield.h"
#include "mongoconsole.h"
#include "mongocontroller.h"
#include "operationlog.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace workbench {

namespace {

QPushButton *button(QWidget *parent, const char *name, const QString &text)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    return b;
}

// A tab: the rows of a form, then its button at the right.
QWidget *tab(QWidget *parent, const std::vector<std::pair<QString, QWidget *>> &rows,
             QPushButton *action)
{
    auto *page = new QWidget(parent);
    auto *form = new QFormLayout;
    for (const auto &[label, field] : rows)
        form->addRow(label, field);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(action);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addLayout(buttons);
    return page;
}

} // namespace

MongoConsole::MongoConsole(QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_tree(new QStandardItemModel(this))
    , m_treeView(new QTreeView(this))
    , m_database(new QLineEdit(QStringLiteral("test"), this))
    , m_collection(new QLineEdit(QStringLiteral("items"), this))
    , m_tabs(new QTabWidget(this))
    , m_filter(
          new JsonField(QStringLiteral("filter"), QStringLiteral("{} matches everything"), this))
    , m_projection(new JsonField(QStringLiteral("projection"),
                                 QStringLiteral("{\"name\": 1}: only these fields"), this))
    , m_sort(new JsonField(QStringLiteral("sort"), QStringLiteral("{\"age\": -1}: descending age"),
                           this))
    , m_limit(new QSpinBox(this))
    , m_insert(new JsonField(QStringLiteral("documents"),
                             QStringLiteral("{\"name\": \"ada\"} or [{...}, {...}]"), this))
    , m_updateFilter(
          new JsonField(QStringLiteral("filter"), QStringLiteral("{\"name\": \"ada\"}"), this))
    , m_update(new JsonField(QStringLiteral("update"),
                             QStringLiteral("{\"$set\": {\"age\": 37}} or a whole document"), this))
    , m_updateMany(new QCheckBox(QStringLiteral("Every match (update many)"), this))
    , m_deleteFilter(
          new JsonField(QStringLiteral("filter"), QStringLiteral("{\"name\": \"ada\"}"), this))
    , m_deleteMany(new QCheckBox(QStringLiteral("Every match (delete many)"), this))
    , m_results(new QStandardItemModel(this))
    , m_resultsTitle(new QLabel(this))
    , m_log(new OperationLogView(this))
{
    m_treeView->setModel(m_tree);
    m_treeView->setHeaderHidden(true);
    m_treeView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_limit->setRange(0, 100000);
    m_limit->setValue(100);
    m_limit->setSpecialValueText(QStringLiteral("no limit"));

    auto *findButton = button(this, "mongoFind", QStringLiteral("&Find"));
    auto *insertButton = button(this, "mongoInsert", QStringLiteral("&Insert"));
    auto *updateButton = button(this, "mongoUpdate", QStringLiteral("&Update"));
    auto *deleteButton = button(this, "mongoDelete", QStringLiteral("&Delete"));
    m_tabs->addTab(tab(m_tabs,
                       {{QStringLiteral("Filter"), m_filter},
                        {QStringLiteral("Projection"), m_projection},
                        {QStringLiteral("Sort"), m_sort},
                        {QStringLiteral("Limit"), m_limit}},
                       findButton),
                   QStringLiteral("Find"));
    m_tabs->addTab(tab(m_tabs, {{QStringLiteral("Documents"), m_insert}}, insertButton),
                   QStringLiteral("Insert"));
    m_tabs->addTab(tab(m_tabs,
                       {{QStringLiteral("Filter"), m_updateFilter},
                        {QStringLiteral("Update"), m_update},
                        {QString(), m_updateMany}},
                       updateButton),
                   QStringLiteral("Update"));
    m_tabs->addTab(tab(m_tabs,
                       {{QStringLiteral("Filter"), m_deleteFilter}, {QString(), m_deleteMany}},
                       deleteButton),
                   QStringLiteral("Delete"));

    auto *refreshButton = button(this, "mongoRefreshTree", QStringLiteral("&Refresh"));
    refreshButton->setToolTip(QStringLiteral("listDatabases and listCollections again"));
    auto *treeBox = new QWidget(this);
    auto *treeLayout = new QVBoxLayout(treeBox);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->addWidget(m_treeView);
    treeLayout->addWidget(refreshButton);

    // The editors scroll and the tables shrink, so the console fits a small window's dock.
    auto *target = new QFormLayout;
    target->addRow(QStringLiteral("&Database"), m_database);
    target->addRow(QStringLiteral("&Collection"), m_collection);
    auto *work = new QWidget(this);
    auto *workLayout = new QVBoxLayout(work);
    workLayout->setContentsMargins(0, 0, 0, 0);
    workLayout->addLayout(target);
    workLayout->addWidget(m_tabs);
    auto *workScroll = new QScrollArea(this);
    workScroll->setWidgetResizable(true);
    workScroll->setFrameShape(QFrame::NoFrame);
    workScroll->setWidget(work);

    auto *resultsView = new QTableView(this);
    resultsView->setModel(m_results);
    resultsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    resultsView->horizontalHeader()->setStretchLastSection(true);
    resultsView->setMinimumHeight(40);
    auto *resultsBox = new QWidget(this);
    auto *resultsLayout = new QVBoxLayout(resultsBox);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_resultsTitle);
    resultsLayout->addWidget(resultsView, 1);

    m_treeView->setMinimumHeight(40);
    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(treeBox);
    top->addWidget(workScroll);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 3);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(resultsBox);
    split->addWidget(m_log);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(findButton, &QPushButton::clicked, this, &MongoConsole::find);
    connect(insertButton, &QPushButton::clicked, this, &MongoConsole::insert);
    connect(updateButton, &QPushButton::clicked, this, &MongoConsole::update);
    connect(deleteButton, &QPushButton::clicked, this, &MongoConsole::remove);
    connect(refreshButton, &QPushButton::clicked, this, [this] {
        if (m_controller)
            m_controller->refreshTree();
    });
    // Picking a collection aims the console at it and shows its first documents.
    connect(m_treeView, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        if (!index.parent().isValid()) {
            m_database->setText(index.data().toString());
            return;
        }
        m_database->setText(index.parent().data().toString());
        m_collection->setText(index.data().toString());
        find();
    });
    setController(nullptr);
}

bool MongoConsole::find()
{
    if (!m_controller)
        return false;
    const auto filter = m_filter->document();
    const auto projection = m_projection->optionalDocument();
    const auto sort = m_sort->optionalDocument();
    if (!filter || !projection || !sort)
        return false;
    m_controller->find({m_database->text().trimmed(), m_collection->text().trimmed(), *filter,
                        *projection, *sort, m_limit->value()});
    return true;
}

bool MongoConsole::insert()
{
    if (!m_controller)
        return false;
    auto documents = m_insert->documents();
    if (!documents)
        return false;
    m_controller->insert(m_database->text().trimmed(), m_collection->text().trimmed(),
                         std::move(*documents));
    return true;
}

bool MongoConsole::update()
{
    if (!m_controller)
        return false;
    const auto filter = m_updateFilter->document();
    const auto change = m_update->document();
    if (!filter || !change)
        return false;
    m_controller->update(m_database->text().trimmed(), m_collection->text().trimmed(), *filter,
                         *change, m_updateMany->isChecked());
    return true;
}

bool MongoConsole::remove()
{
    if (!m_controller)
        return false;
    const auto filter = m_deleteFilter->document();
    if (!filter)
        return false;
    const QString database = m_database->text().trimmed();
    const QString collection = m_collection->text().trimmed();
    const bool many = m_deleteMany->isChecked();
    const QString question =
        QStringLiteral("Delete %1 matching %2 in %3.%4?")
            .arg(many ? QStringLiteral("every document") : QStringLiteral("the first document"),
                 QString::fromStdString(filter->to_relaxed_json()), database, collection);
    if (m_confirm && !m_confirm(this, question))
        return false;
    m_controller->remove(database, collection, *filter, many);
    return true;
}

void MongoConsole::refresh()
{
    m_log->display(m_controller ? &m_controller->operations() : nullptr);
    refreshTree();
    refreshResults();
}

void MongoConsole::refreshTree()
{
    QString drawn;
    if (m_controller)
        for (const MongoDatabaseEntry &db : m_controller->tree())
            drawn += db.name + QLatin1Char(':') + db.collections.join(QLatin1Char(',')) +
                     QLatin1Char(';');
    if (drawn == m_shownTree && !drawn.isEmpty())
        return;
    m_shownTree = drawn;
    m_tree->clear();
    if (!m_controller)
        return;
    for (const MongoDatabaseEntry &db : m_controller->tree()) {
        auto *dbItem = new QStandardItem(db.name);
        for (const QString &collection : db.collections)
            dbItem->appendRow(new QStandardItem(collection));
        m_tree->appendRow(dbItem);
    }
    m_treeView->expandAll();
}

void MongoConsole::refreshResults()
{
    if (!m_controller) {
        m_results->clear();
        m_resultsTitle->clear();
        m_shownResults = 0;
        return;
    }
    const MongoFindResult &found = m_controller->found();
    if (found.serial == m_shownResults)
        return;
    m_shownResults = found.serial;
    m_results->clear();
    m_results->setHorizontalHeaderLabels(found.table.columns);
    for (const QStringList &row : found.table.rows) {
        QList<QStandardItem *> items;
        for (const QString &cell : row)
            items << new QStandardItem(cell);
        m_results->appendRow(items);
    }
    m_resultsTitle->setText(QStringLiteral("%1 documents from %2.%3")
                                .arg(found.table.rows.size())
                                .arg(found.database, found.collection));
}

} // namespace workbench
