#pragma once

#include "core/domain/chatroom.h"
#include "core/domain/org.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace handover {

// What the composer may send in a chatroom now, and the sentence that says why (R10, R19).
struct ComposerMode
{
    enum class Kind
    {
        Text,          // free-flow text inside the 24h window; templates too
        TemplatesOnly, // the window is closed (or never opened), or the user is not a participant
        Disabled,      // no chatroom, or an inactive one: nothing can be sent
    };
    Kind kind = Kind::Disabled;
    QString reason;       // why not text; the window's time left for Text
    QDateTime nextChange; // when the mode changes by itself (the window's end), null if never

    static ComposerMode forChatroom(const Chatroom *chatroom, const UserId &viewerId, const QDateTime &now);

    Q_DECLARE_TR_FUNCTIONS(ComposerMode)
};

} // namespace handover
