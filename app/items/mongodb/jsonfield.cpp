// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "jsonfield.h"

#include <QFont>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace workbench {

namespace dm = diesel::mongodb;

JsonField::JsonField(const QString &what, const QString &placeholder, QWidget *parent)
    : QWidget(parent)
    , m_what(what)
    , m_edit(new QPlainTextEdit(this))
    , m_error(makeErrorLabel(this))
{
    m_edit->setPlaceholderText(placeholder);
    m_edit->setTabChangesFocus(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_edit->setFont(mono);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_error);
    // An error is about the text it was shown for: editing clears it.
    connect(m_edit, &QPlainTextEdit::textChanged, m_error, &QLabel::hide);
}

void JsonField::setText(const QString &text)
{
    m_edit->setPlainText(text);
}

QString JsonField::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void JsonField::showError(const QString &why)
{
    m_error->setText(QStringLiteral("%1: %2").arg(m_what, why));
    m_error->show();
}

std::optional<dm::Document> JsonField::document(const dm::Document &whenEmpty)
{
    const std::optional<std::optional<dm::Document>> d = optionalDocument();
    if (!d)
        return std::nullopt;
    return d->value_or(whenEmpty);
}

std::optional<std::optional<dm::Document>> JsonField::optionalDocument()
{
    m_error->hide();
    const QString text = m_edit->toPlainText().trimmed();
    if (text.isEmpty())
        return std::optional<dm::Document>();
    try {
        return std::optional<dm::Document>(dm::Document::from_json(text.toStdString()));
    } catch (const diesel::Error &e) {
        showError(QString::fromUtf8(e.what()));
        return std::nullopt;
    }
}

std::optional<std::vector<dm::Document>> JsonField::documents()
{
    m_error->hide();
    const QString text = m_edit->toPlainText().trimmed();
    if (text.isEmpty()) {
        showError(QStringLiteral("write a document ({...}) or an array of documents"));
        return std::nullopt;
    }
    try {
        if (!text.startsWith(QLatin1Char('[')))
            return std::vector<dm::Document>{dm::Document::from_json(text.toStdString())};
        // Wrapped in an object, libbson reads the array with each document's key order intact.
        const dm::Document wrapped =
            dm::Document::from_json("{\"documents\": " + text.toStdString() + "}");
        std::vector<dm::Document> out;
        const dm::Value array = wrapped["documents"];
        for (const dm::Value &v : array.as_array()) {
            if (v.type() != dm::Value::Type::Nested) {
                showError(QStringLiteral("element %1 of the array is not a document")
                              .arg(out.size() + 1));
                return std::nullopt;
            }
            out.push_back(v.as_document());
        }
        return out;
    } catch (const diesel::Error &e) {
        showError(QString::fromUtf8(e.what()));
        return std::nullopt;
    }
}

} // namespace workbench
