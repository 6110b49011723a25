#include "fakechatrooms.h"

#include <QUuid>
#include <iterator>

namespace handover::bench {

namespace {

const char *const kFirstNames[] = {"Ana", "Ben", "Chiara", "Dmitri", "Emeka", "Fatima", "Goran", "Hana"};
const char *const kLastNames[] = {"Silva", "Okafor", "Rossi", "Novak", "Weber", "Haddad", "Tanaka", "Moreau"};
const char *const kPreviews[] = {"Can I still change the delivery address?", "Thanks, that was quick!",
                                 "Your order has shipped", "I'd like to talk to a person, please",
                                 "Reminder: your appointment is tomorrow at 10:00"};

} // namespace

QString randomUuid(std::mt19937_64 &random)
{
    const quint64 high = random();
    const quint64 low = random();
    return QUuid(uint(high >> 32), ushort(high >> 16), ushort(high), uchar(low >> 56), uchar(low >> 48),
                 uchar(low >> 40), uchar(low >> 32), uchar(low >> 24), uchar(low >> 16), uchar(low >> 8),
                 uchar(low))
        .toString(QUuid::WithoutBraces);
}

QList<Chatroom> makeChatrooms(int count, qint64 nowMs, const UserId &viewer, std::mt19937_64 &random)
{
    const QString org = QStringLiteral("org-1"); // shared text, as a cache would share it
    const QString waba = QStringLiteral("waba-1");
    const QString phone = QStringLiteral("phone-1");
    QList<Chatroom> chatrooms;
    chatrooms.reserve(count);
    for (int i = 0; i < count; ++i) {
        Chatroom chatroom;
        chatroom.id = randomUuid(random);
        chatroom.orgId = org;
        chatroom.remoteWabaId = waba;
        chatroom.remotePhoneId = phone;
        chatroom.displayName = QLatin1StringView(kFirstNames[random() % std::size(kFirstNames)]) +
                               QLatin1Char(' ') +
                               QLatin1StringView(kLastNames[random() % std::size(kLastNames)]);
        chatroom.phoneNumber = QStringLiteral("+49151%1").arg(i, 8, 10, QLatin1Char('0'));
        const qint64 at = nowMs - qint64(random() % 2'592'000'000ull);
        chatroom.sortKey = SortKey{at, i + 1};
        chatroom.createdAt = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
        chatroom.participants = {Participant{viewer, chatroom.createdAt, {}, int(random() % 3)}};
        chatroom.lastMessage = LastMessage{{},
                                           QLatin1StringView(kPreviews[random() % std::size(kPreviews)]),
                                           Direction::In,
                                           random() % 10 == 0,
                                           chatroom.createdAt};
        chatroom.lastCustomerMessageAt = chatroom.createdAt;
        chatrooms.append(std::move(chatroom));
    }
    return chatrooms;
}

void addWireIds(QList<Chatroom> &chatrooms, std::mt19937_64 &random)
{
    for (Chatroom &chatroom : chatrooms) {
        chatroom.contactId = randomUuid(random);
        if (chatroom.lastMessage)
            chatroom.lastMessage->id = randomUuid(random);
    }
}

} // namespace handover::bench
