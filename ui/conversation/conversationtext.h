#pragma once

#include "core/domain/message.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QString>

namespace handover {

// The words the conversation pane shows for things the server sends as codes: system notes, handover
// reasons, durations. One place, so the note in the timeline and the notice in the header say the same.
class ConversationText
{
    Q_DECLARE_TR_FUNCTIONS(ConversationText)

public:
    // "45 min", "3 h", "2 d": a span rounded down, at least "1 min".
    static QString duration(qint64 secs);
    // The same span in words ("45 minutes", "3 hours", "2 days") for sentences: an abbreviation's dot would
    // meet the sentence's full stop ("23 Std..").
    static QString durationInWords(qint64 secs);
    // A system note (kind system): its text is the reason code ("free_flow", "button:<text>", "reassigned")
    // and its sender's user id the agent it concerns.
    static QString systemNote(const Message &note, const QString &agentName);
    // The header's notice for a chatroom that came to the viewer: from the assigned event's reason
    // ("handover:free_flow", "handover:button", "reassigned") or a note's code.
    static QString handoverNotice(const QString &reason);
    // An agent's name from a directory, "You" for the viewer, "An agent" when unknown.
    static QString agentName(const UserId &userId, const UserId &viewerId,
                             const QHash<UserId, QString> &names);
    // What the bubble's footer says of a failure: the server's sentence, or a generic one.
    static QString failure(const QString &reason);
};

} // namespace handover
