#pragma once

#include "core/domain/message.h"

#include <QJsonObject>

namespace handover {

// Meta's Cloud API send request for a stored outbound message: "text"; "template" with its header and body
// parameters in the order Meta fills them (named ones with their parameter_name) and a quick_reply button
// component carrying each button's payload; or a media message ("image", "document", "audio", "video") of the
// file Meta knows as `waMediaId`, with its caption (and a document's filename).
QJsonObject metaSendRequest(const Message &message, const QString &toE164, const QString &waMediaId = {});

// messages[0].id of Meta's answer; empty if the answer has none.
QString metaSentMessageId(const QByteArray &answer);

// Meta's error message from an error answer, for the agent ("(#131047) Re-engagement message").
QString metaErrorText(const QByteArray &answer, int httpStatus);

} // namespace handover
