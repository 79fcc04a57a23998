// SPDX-License-Identifier: MIT
// Documents as a table for people: one column per top-level key (in the order the documents
// first use them), each cell the value as relaxed Extended JSON ({"$oid": "…"}, 42, "text").
#pragma once

#include <diesel/mongodb/document.h>

#include <QStringList>

#include <vector>

namespace workbench {

struct DocumentTable
{
    QStringList columns;
    std::vector<QStringList> rows; ///< one text per column; "" where a document lacks the key
};

DocumentTable tabulate(const std::vector<diesel::mongodb::Document> &documents);

} // namespace workbench
