// SPDX-License-Identifier: MIT
#include "operationlog.h"
#include "riakconsole.h"
#include "riakcontroller.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStringListModel>
#include <QTableView>
#include <QVBoxLayout>

namespace workbench {

namespace {
QPushButton *button(QWidget *parent, const char *name, const QString &text, const QString &tip)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    b->setToolTip(tip);
    return b;
}
} // namespace

RiakConsole::RiakConsole(QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_bucket(new QLineEdit(QStringLiteral("test"), this))
    , m_allowMult(
          new QCheckBox(QStringLiteral("Keep concurrent writes as siblings (allow_mult)"), this))
    , m_key(new QLineEdit(this))
    , m_value(new QPlainTextEdit(this))
    , m_contentType(new QLineEdit(QStringLiteral("text/plain"), this))
    , m_siblings(new QStandardItemModel(0, 4, this))
    , m_siblingsView(new QTableView(this))
    , m_vclock(new QLabel(this))
    , m_keep(button(this, "riakKeep", QStringLiteral("&Keep this sibling"),
                    QStringLiteral("Put the selected sibling with the object's vclock: it "
                                   "replaces every sibling")))
    , m_keys(new QStringListModel(this))
    , m_keysTitle(new QLabel(QStringLiteral("Keys"), this))
    , m_log(new OperationLogView(this))
{
    m_key->setPlaceholderText(QStringLiteral("key"));
    m_value->setPlaceholderText(QStringLiteral("value to put"));
    m_siblings->setHorizontalHeaderLabels({QStringLiteral("#"), QStringLiteral("value"),
                                           QStringLiteral("content type"),
                                           QStringLiteral("last modified")});
    m_siblingsView->setModel(m_siblings);
    m_siblingsView->verticalHeader()->hide();
    // The value takes the room; the short columns fit their text (a few rows: cheap).
    m_siblingsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_siblingsView->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_siblingsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_siblingsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_siblingsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_siblingsView->setWordWrap(true);
    m_vclock->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_vclock->setWordWrap(true);

    auto *get = button(this, "riakGet", QStringLiteral("&Get"), QStringLiteral("Fetch the key"));
    auto *put = button(this, "riakPut", QStringLiteral("&Put"),
                       QStringLiteral("Store the value (with the vclock of the last get of this "
                                      "key, so it replaces what that get showed)"));
    auto *remove =
        button(this, "riakDelete", QStringLiteral("&Delete"), QStringLiteral("Delete the key"));
    auto *list = button(this, "riakListKeys", QStringLiteral("&List keys"),
                        QStringLiteral("Stream the bucket's keys (expensive on a real cluster)"));

    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("&Bucket"), m_bucket);
    form->addRow(QString(), m_allowMult);
    form->addRow(QStringLiteral("&Key"), m_key);
    form->addRow(QStringLiteral("&Value"), m_value);
    form->addRow(QStringLiteral("Content &type"), m_contentType);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(get);
    buttons->addWidget(put);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    buttons->addWidget(list);

    // The fields scroll and the tables shrink, so the console fits a small window's dock.
    auto *fields = new QWidget(this);
    auto *fieldsLayout = new QVBoxLayout(fields);
    fieldsLayout->setContentsMargins(0, 0, 0, 0);
    fieldsLayout->addLayout(form);
    fieldsLayout->addLayout(buttons);
    auto *fieldsScroll = new QScrollArea(this);
    fieldsScroll->setWidgetResizable(true);
    fieldsScroll->setFrameShape(QFrame::NoFrame);
    fieldsScroll->setWidget(fields);

    auto *keysView = new QListView(this);
    keysView->setModel(m_keys);
    keysView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    keysView->setToolTip(QStringLiteral("Double-click a key to get it"));
    keysView->setMinimumHeight(40);
    auto *keysBox = new QWidget(this);
    auto *keysLayout = new QVBoxLayout(keysBox);
    keysLayout->setContentsMargins(0, 0, 0, 0);
    keysLayout->addWidget(m_keysTitle);
    keysLayout->addWidget(keysView);

    m_siblingsView->setMinimumHeight(40);
    auto *objectBox = new QWidget(this);
    auto *objectLayout = new QVBoxLayout(objectBox);
    objectLayout->setContentsMargins(0, 0, 0, 0);
    objectLayout->addWidget(m_siblingsView, 1);
    auto *vclockRow = new QHBoxLayout;
    vclockRow->addWidget(m_vclock, 1);
    vclockRow->addWidget(m_keep);
    objectLayout->addLayout(vclockRow);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(fieldsScroll);
    top->addWidget(keysBox);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(objectBox);
    split->addWidget(m_log);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    const auto bucket = [this] { return m_bucket->text().trimmed(); };
    const auto key = [this] { return m_key->text(); };
    connect(get, &QPushButton::clicked, this, [=, this] {
        if (m_controller)
            m_controller->get(bucket(), key());
    });
    connect(put, &QPushButton::clicked, this, [=, this] {
        if (m_controller)
            m_controller->put(bucket(), key(), m_value->toPlainText().toUtf8(),
                              m_contentType->text().trimmed());
    });
    connect(remove, &QPushButton::clicked, this, [=, this] {
        if (m_controller)
            m_controller->remove(bucket(), key());
    });
    connect(list, &QPushButton::clicked, this, [=, this] {
        if (m_controller)
            m_controller->listKeys(bucket());
    });
    connect(keysView, &QListView::doubleClicked, this, [=, this](const QModelIndex &index) {
        m_key->setText(index.data().toString());
        if (m_controller)
            m_controller->get(bucket(), key());
    });
    // The bucket's properties are read once it is named, and set when the box is clicked.
    m_allowMult->setToolTip(QStringLiteral("The bucket property: with it, writers that did not "
                                           "see each other's write leave siblings"));
    connect(m_bucket, &QLineEdit::editingFinished, this, [=, this] {
        if (m_controller)
            m_controller->readBucketProps(bucket());
    });
    connect(m_allowMult, &QCheckBox::clicked, this, [=, this](bool on) {
        if (m_controller)
            m_controller->setAllowMult(bucket(), on);
    });
    connect(m_keep, &QPushButton::clicked, this, &RiakConsole::keepSelectedSibling);
    connect(m_siblingsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_keep->setEnabled(m_siblingsView->selectionModel()->hasSelection()); });
    setController(nullptr);
}

RiakConsole::~RiakConsole()
{
    // Closing the window takes the focus from the bucket field, which would read its properties
    // from a console half gone.
    disconnect(m_bucket, nullptr, this, nullptr);
}

QString RiakConsole::vclockText() const
{
    return m_vclock->text();
}

void RiakConsole::keepSelectedSibling()
{
    const QModelIndexList rows = m_siblingsView->selectionModel()->selectedRows();
    if (m_controller && !rows.isEmpty())
        m_controller->resolve(rows.front().row());
}

void RiakConsole::refresh()
{
    m_log->display(m_controller ? &m_controller->operations() : nullptr);
    if (!m_controller) {
        m_siblings->removeRows(0, m_siblings->rowCount());
        m_shown = 0;
        m_keys->setStringList({});
        m_vclock->clear();
        m_keep->setEnabled(false);
        return;
    }
    const RiakShownObject &o = m_controller->shown();
    // Rebuilt only for another object, so a selected sibling stays selected meanwhile.
    if (o.serial == m_shown)
        return refreshBucket();
    const bool fillEditor = o.siblings.size() == 1;
    m_shown = o.serial;
    m_siblings->removeRows(0, m_siblings->rowCount());
    for (std::size_t i = 0; i < o.siblings.size(); ++i) {
        const RiakSibling &s = o.siblings[i];
        QString value = QString::fromUtf8(s.value);
        if (s.deleted)
            value = QStringLiteral("(deleted)");
        m_siblings->appendRow(
            {new QStandardItem(QString::number(i + 1)), new QStandardItem(value),
             new QStandardItem(s.contentType),
             new QStandardItem(s.lastModified.isValid()
                                   ? s.lastModified.toLocalTime().toString(Qt::ISODateWithMs)
                                   : QString())});
    }
    if (o.key.isEmpty())
        m_vclock->clear();
    else if (o.siblings.empty())
        m_vclock->setText(QStringLiteral("%1/%2: not found").arg(o.bucket, o.key));
    else
        m_vclock->setText(QStringLiteral("%1/%2 \u00b7 %3 \u00b7 vclock %4")
                              .arg(o.bucket, o.key,
                                   o.siblings.size() > 1
                                       ? QStringLiteral("%1 siblings: keep one to resolve them")
                                             .arg(o.siblings.size())
                                       : QStringLiteral("one value"),
                                   QString::fromLatin1(o.vclock.toBase64())));
    // A single value fills the editor, ready to change and put back.
    if (fillEditor) {
        m_value->setPlainText(QString::fromUtf8(o.siblings.front().value));
        m_contentType->setText(o.siblings.front().contentType);
    }
    m_keep->setVisible(o.siblings.size() > 1);
    m_keep->setEnabled(false);
    refreshBucket();
}

void RiakConsole::refreshBucket()
{
    // Not read yet: neither on nor off.
    if (const std::optional<bool> on = m_controller->allowMult(m_bucket->text().trimmed())) {
        m_allowMult->setTristate(false);
        m_allowMult->setChecked(*on);
    } else {
        m_allowMult->setCheckState(Qt::PartiallyChecked);
    }
    if (m_keys->stringList() != m_controller->keys())
        m_keys->setStringList(m_controller->keys());
    m_keysTitle->setText(m_controller->keysBucket().isEmpty()
                             ? QStringLiteral("Keys: press List keys")
                             : QStringLiteral("Keys of %1: %2")
                                   .arg(m_controller->keysBucket())
                                   .arg(m_controller->keys().size()));
}

} // namespace workbench
