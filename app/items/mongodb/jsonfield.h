// SPDX-License-Identifier: MIT
// A JSON editor of the MongoDB console (a filter, a projection, a document to insert) with its
// own error line: text that does not parse as Extended JSON gives libbson's reason right under
// the editor, and the console sends nothing.
#pragma once

#include <diesel/mongodb/document.h>

#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QPlainTextEdit;

namespace workbench {

class JsonField : public QWidget
{
    Q_OBJECT

public:
    /// `what` names the field in errors ("filter"); `placeholder` shows while it is empty.
    JsonField(const QString &what, const QString &placeholder, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const noexcept { return m_edit; }
    void setText(const QString &text);
    /// The field's document; empty text gives `whenEmpty`. Shows the reason and returns nothing
    /// when the text is not one JSON object.
    std::optional<diesel::mongodb::Document>
    document(const diesel::mongodb::Document &whenEmpty = {});
    /// Like document(), but empty text is "nothing given" (an optional projection or sort).
    std::optional<std::optional<diesel::mongodb::Document>> optionalDocument();
    /// One object or an array of objects (what insert takes).
    std::optional<std::vector<diesel::mongodb::Document>> documents();
    /// The reason shown under the editor ("" : none).
    QString errorText() const;

private:
    void showError(const QString &why);

    QString m_what;
    QPlainTextEdit *m_edit;
    QLabel *m_error;
};

} // namespace workbench
