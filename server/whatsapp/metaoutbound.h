#pragma once

#include "core/domain/message.h"

#include <QJsonObject>

namespace handover {

// Meta's Cloud API send request for a stored outbound message: "text", or "template" with its body parameters
// in the template's order and a quick_reply button component carrying each button's payload.
QJsonObject metaSendRequest(const Message &message, const QString &toE164);

// messages[0].id of Meta's answer; empty if the answer has none.
QString metaSentMessageId(const QByteArray &answer);

// Meta's error message from an error answer, for the agent ("(#131047) Re-engagement message").
QString metaErrorText(const QByteArray &answer, int httpStatus);

} // namespace handover
