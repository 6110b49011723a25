#include "ui/conversation/conversationtext.h"

#include "core/domain/event.h"

#include <algorithm>

namespace handover {

namespace {

const QString kButtonPrefix = QStringLiteral("button:");
const QString kFreeFlow = QStringLiteral("free_flow");

} // namespace

QString ConversationText::duration(qint64 secs)
{
    const qint64 minutes = std::max<qint64>(1, secs / 60);
    if (minutes < 60)
        return tr("%n min", nullptr, int(minutes));
    if (minutes < 48 * 60)
        return tr("%n h", nullptr, int(minutes / 60));
    return tr("%n d", nullptr, int(minutes / (24 * 60)));
}

QString ConversationText::durationInWords(qint64 secs)
{
    const qint64 minutes = std::max<qint64>(1, secs / 60);
    if (minutes < 60)
        return tr("%n minute(s)", nullptr, int(minutes));
    if (minutes < 48 * 60)
        return tr("%n hour(s)", nullptr, int(minutes / 60));
    return tr("%n day(s)", nullptr, int(minutes / (24 * 60)));
}

QString ConversationText::systemNote(const Message &note, const QString &agentName)
{
    const QString &code = note.text;
    if (code == kFreeFlow)
        return tr("Handed over to %1: the customer wrote a message").arg(agentName);
    if (code.startsWith(kButtonPrefix)) {
        return tr("Handed over to %1: the customer tapped \u201c%2\u201d")
            .arg(agentName, code.mid(kButtonPrefix.size()));
    }
    if (code == reason::reassigned())
        return tr("Reassigned to %1").arg(agentName);
    return tr("%1: %2").arg(agentName, code);
}

QString ConversationText::handoverNotice(const QString &reasonCode)
{
    if (reasonCode == reason::handoverFreeFlow() || reasonCode == kFreeFlow)
        return tr("Handed over to you: the customer wrote a message.");
    if (reasonCode == reason::handoverButton())
        return tr("Handed over to you: the customer tapped a button.");
    if (reasonCode.startsWith(kButtonPrefix))
        return tr("Handed over to you: the customer tapped \u201c%1\u201d.")
            .arg(reasonCode.mid(kButtonPrefix.size()));
    if (reasonCode == reason::reassigned())
        return tr("Reassigned to you.");
    if (reasonCode == reason::created())
        return tr("Assigned to you when it was created.");
    return tr("Assigned to you (%1).").arg(reasonCode);
}

QString ConversationText::agentName(const UserId &userId, const UserId &viewerId,
                                    const QHash<UserId, QString> &names)
{
    if (!viewerId.isEmpty() && userId == viewerId)
        return tr("You");
    const QString name = names.value(userId);
    return name.isEmpty() ? tr("An agent") : name;
}

QString ConversationText::failure(const QString &reason)
{
    return reason.isEmpty() ? tr("Not sent") : tr("Not sent: %1").arg(reason);
}

} // namespace handover
