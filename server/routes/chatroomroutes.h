#pragma once

#include "server/routes/routecontext.h"

namespace handover {

// Create Chatroom, the chatroom lists and reads (API.md).
void addChatroomRoutes(Router &router, RouteContext &context);
// STM, free-flow, read, reassign, deactivate, activate.
void addChatroomCommandRoutes(Router &router, RouteContext &context);

// The chatroom as the caller sees it (unread_count is theirs).
QJsonObject chatroomForCaller(const Chatroom &chatroom, const Principal &caller);

// NOT_FOUND for an unknown chatroom, FORBIDDEN for a MEMBER who does not participate.
Result<Chatroom> chatroomForAccess(QSqlDatabase &db, const Principal &caller, const ChatroomId &chatroomId);

} // namespace handover
