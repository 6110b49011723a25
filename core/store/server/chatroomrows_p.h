#pragma once

#include "core/domain/chatroom.h"
#include "core/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QVariantList>

// Reading chatroom rows, shared by the lookups (chatrooms.cpp) and the lists (chatroomlist.cpp).
namespace handover::store::server::detail {

// "SELECT <every chatroom column> " (c = chatrooms, w = waba_phones), for a FROM of one's own.
const QString &chatroomColumns();
// chatroomColumns() + "FROM chatrooms c JOIN waba_phones w ON w.id = c.waba_phone_id ": append joins,
// WHERE and ORDER BY to it.
const QString &selectChatrooms();

// Runs a SELECT built on selectChatrooms() and loads the participants of every row it gave, in row order.
Result<QList<Chatroom>> loadChatrooms(QSqlDatabase &db, const QString &sql, const QVariantList &values);

} // namespace handover::store::server::detail
