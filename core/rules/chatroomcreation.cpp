#include "core/rules/chatroomcreation.h"

#include "core/rules/handover.h"

#include <algorithm>

namespace handover {

namespace {

Chatroom newChatroom(const Contact &contact, const WabaPhone &phone, const QString &displayName, RuleContext &rules)
{
    Chatroom room;
    room.id = rules.newId();
    room.orgId = contact.orgId;
    room.contactId = contact.id;
    room.displayNameDerived = displayName.trimmed().isEmpty();
    room.displayName = room.displayNameDerived ? derivedDisplayName(contact) : displayName.trimmed();
    room.phoneNumber = contact.phoneNumber;
    room.remoteWabaId = phone.remoteWabaId;
    room.remotePhoneId = phone.remotePhoneId;
    room.state = ChatroomState::Active;
    room.createdAt = rules.now();
    return room;
}

const Chatroom *activeOn(const QList<Chatroom> &active, const WabaPhone &phone)
{
    for (const Chatroom &room : active) {
        if (room.isActive() && room.remotePhoneId == phone.remotePhoneId)
            return &room;
    }
    return nullptr;
}

Result<WabaPhone> requestedPhone(const CreateChatroomRequest &request, const QList<WabaPhone> &ordered)
{
    if (ordered.isEmpty()) {
        return Error::make(ErrorCode::ValidationFailed, QStringLiteral("The org has no WABA phone."),
                           {QStringLiteral("remote_phone_id")});
    }
    if (request.remotePhoneId.isEmpty() && request.remoteWabaId.isEmpty())
        return ordered.first();
    for (const WabaPhone &phone : ordered) {
        const bool phoneMatches = request.remotePhoneId.isEmpty() || phone.remotePhoneId == request.remotePhoneId;
        const bool wabaMatches = request.remoteWabaId.isEmpty() || phone.remoteWabaId == request.remoteWabaId;
        if (phoneMatches && wabaMatches)
            return phone;
    }
    return Error::make(ErrorCode::NotFound, QStringLiteral("No WABA phone of the org matches."),
                       {QStringLiteral("remote_waba_id"), QStringLiteral("remote_phone_id")});
}

// Meta's phone number ids are decimal numbers: "lowest" compares their values ("99" before "100"). Anything
// else compares as text, after the numbers.
bool remotePhoneIdLess(const QString &a, const QString &b)
{
    const auto digits = [](const QString &id) {
        return !id.isEmpty() &&
               std::all_of(id.cbegin(), id.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    };
    const bool numericA = digits(a);
    const bool numericB = digits(b);
    if (numericA != numericB)
        return numericA;
    if (numericA) {
        const auto significant = [](const QString &id) {
            qsizetype zeros = 0;
            while (zeros < id.size() - 1 && id.at(zeros) == u'0')
                ++zeros;
            return QStringView(id).mid(zeros);
        };
        const QStringView valueA = significant(a);
        const QStringView valueB = significant(b);
        if (valueA.size() != valueB.size())
            return valueA.size() < valueB.size();
        if (valueA != valueB)
            return valueA < valueB;
    }
    return a < b;
}

} // namespace

QList<WabaPhone> phonesInAssignmentOrder(QList<WabaPhone> phones)
{
    std::stable_sort(phones.begin(), phones.end(), [](const WabaPhone &a, const WabaPhone &b) {
        return remotePhoneIdLess(a.remotePhoneId, b.remotePhoneId);
    });
    return phones;
}

Result<Outcome> createChatroom(const CreateChatroomRequest &request, const CreateChatroomContext &context,
                               const Directory &directory, RuleContext &rules)
{
    const QList<WabaPhone> ordered = phonesInAssignmentOrder(context.orgPhones);
    auto phone = requestedPhone(request, ordered);
    if (!phone)
        return phone.error();

    if (const Chatroom *existing = activeOn(context.activeChatroomsOfPhone, *phone)) {
        if (existing->contactId == request.contact.id) {
            Outcome same; // R3: returned unchanged
            same.chatroom = *existing;
            return same;
        }
        // R13: the customer phone is taken on this WABA phone by another contact.
        if (request.failIfChatroomExistsOnOtherWabaPhone) {
            return Error::make(ErrorCode::UniqueConstraintFailed,
                               QStringLiteral("This phone number already has an active chatroom of another contact "
                                              "on the requested WABA phone."),
                               {QStringLiteral("phone_number")});
        }
        const auto free = std::find_if(ordered.cbegin(), ordered.cend(), [&](const WabaPhone &candidate) {
            return !activeOn(context.activeChatroomsOfPhone, candidate);
        });
        if (free == ordered.cend()) {
            return Error::make(ErrorCode::UniqueConstraintFailed,
                               QStringLiteral("This phone number has an active chatroom on every WABA phone of the "
                                              "org."),
                               {QStringLiteral("phone_number")});
        }
        phone = *free;
    }

    // Validate the assignee before anything is recorded; with assign_on_handover the group is only checked to
    // exist, its member is picked at handover time (R21 by the load then).
    UserId assignee;
    if (request.assignOnHandover) {
        if (request.userId.isEmpty()) {
            if (request.groupId.isEmpty()) {
                return Error::make(ErrorCode::ValidationFailed,
                                   QStringLiteral("Either user_id or group_id is required."),
                                   {QStringLiteral("user_id"), QStringLiteral("group_id")});
            }
            const auto group = directory.group(request.groupId);
            if (!group || group->orgId != request.contact.orgId)
                return Error::make(ErrorCode::NotFound, QStringLiteral("No group with this id."),
                                   {QStringLiteral("group_id")});
        } else if (auto user = resolveAssignee(request.userId, {}, request.contact.orgId, directory); !user) {
            return user.error();
        }
    } else {
        auto resolved = resolveAssignee(request.userId, request.groupId, request.contact.orgId, directory);
        if (!resolved)
            return resolved.error();
        assignee = *resolved;
    }

    Outcome out;
    out.created = true;
    out.chatroom = newChatroom(request.contact, *phone, request.displayName, rules);
    EventRecorder recorder(out, rules);
    if (request.assignOnHandover) {
        // R2: nobody's list yet; supervisors see it at the top of Awaiting handover.
        const bool byUser = !request.userId.isEmpty();
        out.chatroom.pendingHandover =
            PendingHandover{byUser ? request.userId : UserId(), byUser ? GroupId() : request.groupId, rules.now()};
        recorder.bumpNext();
        recorder.record(EventKind::ChatroomCreated);
        return out;
    }
    // R1: a new chatroom always bumps; the agent is a participant and is told.
    recorder.bumpNext();
    recorder.record(EventKind::ChatroomCreated);
    assignParticipant(recorder, assignee, reason::created(), 0);
    return out;
}

Contact makeInboundContact(const OrgId &orgId, const QString &phoneNumber, const QString &profileName,
                           RuleContext &rules)
{
    Contact contact;
    contact.id = rules.newId();
    contact.orgId = orgId;
    contact.crmId = phoneNumber;
    contact.phoneNumber = phoneNumber;
    const QString name = profileName.simplified();
    const qsizetype space = name.indexOf(QLatin1Char(' '));
    contact.firstName = space < 0 ? name : name.left(space);
    contact.lastName = space < 0 ? QString() : name.mid(space + 1);
    contact.isInbound = true;
    contact.source = QStringLiteral("whatsapp");
    contact.createDate = rules.now();
    return contact;
}

Outcome openInboundChatroom(const Contact &contact, const WabaPhone &phone, const OrgSettings &settings,
                            RuleContext &rules)
{
    Outcome out;
    out.created = true;
    out.chatroom = newChatroom(contact, phone, {}, rules);
    out.chatroom.pendingHandover = PendingHandover{{}, settings.inboundGroupId.value_or(GroupId()), rules.now()};
    EventRecorder recorder(out, rules);
    recorder.bumpNext();
    recorder.record(EventKind::ChatroomCreated);
    return out;
}

} // namespace handover
