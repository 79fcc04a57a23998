// SPDX-License-Identifier: MIT
#include "editorbuttons.h"

#include <QBoxLayout>
#include <QPushButton>
#include <QStyle>

namespace workbench {

void addButtonRow(QBoxLayout *layout, QWidget *parent, QPushButton *apply, const QString &startText,
                  std::function<void()> start, const QString &stopText, std::function<void()> stop)
{
    auto *startButton =
        new QPushButton(parent->style()->standardIcon(QStyle::SP_MediaPlay), startText, parent);
    auto *stopButton =
        new QPushButton(parent->style()->standardIcon(QStyle::SP_MediaStop), stopText, parent);
    auto *row = new QHBoxLayout;
    row->addWidget(apply);
    row->addStretch(1);
    row->addWidget(startButton);
    row->addWidget(stopButton);
    layout->addLayout(row);
    QObject::connect(startButton, &QPushButton::clicked, parent, std::move(start));
    QObject::connect(stopButton, &QPushButton::clicked, parent, std::move(stop));
}

} // namespace workbench
