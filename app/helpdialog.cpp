// SPDX-License-Identifier: MIT
#include "helpdialog.h"

#include <diesel/widgets/visuals.h>

#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace workbench {

namespace dw = diesel::widgets;

HelpDialog::HelpDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(QStringLiteral("Diesel concepts"));
    auto *browser = new QTextBrowser(this);
    browser->setOpenExternalLinks(true);
    QFile file(QStringLiteral(":/diesel/help/concepts.html"));
    QString html = file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll())
                                                  : QStringLiteral("The help page is missing.");
    // The legend uses the same colours, words and order as every view.
    QString legend = QStringLiteral("<table cellpadding=3>");
    for (int s = 0; s < dw::kVisualStateCount; ++s) {
        const auto state = dw::VisualState(s);
        legend +=
            QStringLiteral("<tr><td bgcolor=\"%1\">&nbsp;&nbsp;&nbsp;&nbsp;</td><td>%2</td></tr>")
                .arg(dw::stateColor(state).name(), dw::stateWord(state));
    }
    legend += QStringLiteral("<tr><td bgcolor=\"%1\"></td><td>bytes in</td></tr>"
                             "<tr><td bgcolor=\"%2\"></td><td>bytes out</td></tr></table>")
                  .arg(dw::directionColor(diesel::Direction::In).name(),
                       dw::directionColor(diesel::Direction::Out).name());
    html.replace(QStringLiteral("<!--LEGEND-->"), legend);
    browser->setHtml(html);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(browser);
    layout->addWidget(buttons);
    resize(680, 720);
}

} // namespace workbench
