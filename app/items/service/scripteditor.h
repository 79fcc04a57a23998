// SPDX-License-Identifier: MIT
// The "Script" group of the Service panel: the JavaScript of a Script Service and its time
// budget, with the script's syntax error and its line shown under it as the person types.
#pragma once

#include <QGroupBox>

class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QTimer;

namespace workbench {

class ScriptEditor : public QGroupBox
{
    Q_OBJECT

public:
    explicit ScriptEditor(QWidget *parent = nullptr);

    QString script() const;
    int budgetMs() const;
    /// Shows `script` (the default upper-case script when empty) and checks it.
    void setScript(const QString &script, int budgetMs);
    /// Compiles the script now in a throwaway engine and shows what is wrong, if anything.
    void check();
    /// "line 3: SyntaxError: ..." as shown under the script; "" when it compiles.
    QString problemText() const;

private:
    QPlainTextEdit *m_text;
    QSpinBox *m_budget;
    QLabel *m_problem;
    QTimer *m_checkSoon; ///< a check once typing pauses, not at every key
};

} // namespace workbench
