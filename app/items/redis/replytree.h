// SPDX-License-Identifier: MIT
// A Redis reply as rows of a tree (label, type, value): nil, status, bulk, integer, error, and
// arrays whose elements are child rows, nested as deep as the reply.
#pragma once

#include <diesel/redis/reply.h>

#include <QList>
#include <QString>

#include <string>

class QStandardItem;

namespace workbench {

/// The columns of a reply tree.
enum ReplyColumn { ReplyLabel, ReplyType, ReplyValue, ReplyColumns };

/// Bytes as a person reads them: text as it is, control bytes as \xHH (as redis-cli quotes).
QString displayBytes(const std::string &bytes);
/// A reply's value in words: the text of a string or error, the number, "(nil)", "3 elements".
QString replyText(const diesel::redis::Reply &reply);
/// A reply's row: `label`, its type word ("nil", "status", "bulk", "integer", "error", "array")
/// and its value; an array's elements as child rows "1)", "2)", ... Error rows are drawn in the
/// error colour. The caller owns the items until it puts them in a model.
QList<QStandardItem *> replyRow(const QString &label, const diesel::redis::Reply &reply);

} // namespace workbench
