#include "server/routes/contactroutes.h"

#include "core/json/apicodec.h"
#include "core/rules/contactnames.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/contacts.h"
#include "server/services/outcomecommit.h"

namespace handover {

namespace ss = store::server;
using Method = HttpMethod;

namespace {

constexpr int kMaxCrmIdLength = 128;
constexpr int kMaxPhoneInputLength = 32; // longer than any E.164 number, so the E.164 check gives the message
constexpr int kMaxSourceLength = 128;

// Names become part of chatroom names (R16); '*' is refused in them.
const JsonStringRules nameRules{.trim = true, .forbid = u"*"};

void checkPhone(JsonReader &r, const QString &phone)
{
    if (!phone.isEmpty() && !isE164(phone)) {
        r.fail(ErrorCode::ValidationFailed, "phone_number",
               QStringLiteral("phone_number must be in E.164 form, like +919999990001."));
    }
}

void createContactRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    Contact contact;
    contact.crmId = r.requiredString("crm_id", kMaxCrmIdLength, {.trim = true});
    contact.phoneNumber = r.requiredString("phone_number", kMaxPhoneInputLength, {.trim = true});
    checkPhone(r, contact.phoneNumber);
    contact.optInDate = r.optionalTimestampOrEpoch("opt_in_date");
    contact.firstName = r.optionalString("first_name", kMaxNameLength, nameRules).value_or(QString());
    contact.lastName = r.optionalString("last_name", kMaxNameLength, nameRules).value_or(QString());
    contact.isInbound = r.optionalBool("is_inbound").value_or(false);
    contact.source = r.optionalString("source", kMaxSourceLength, {.trim = true}).value_or(QString());
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    contact.id = ctx.ids.newId();
    contact.orgId = request.caller().orgId;
    const Clock &clock = ctx.clock;
    ctx.commands.run(
        [contact, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
            Contact created = contact;
            created.createDate = clock.now();
            if (auto inserted = ss::insertContact(db, created, created.createDate); !inserted)
                return inserted.error();
            return answer(201, contactToJson(created), created.orgId);
        },
        reply);
}

// crm_id is required; a name left out (or null) keeps its value, an empty one clears it. Every chatroom of
// the contact whose name was derived gets the new derived name as a chatroom.updated event (R16), in the same
// transaction as the contact.
void updateContactRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    const QString crmId = r.requiredString("crm_id", kMaxCrmIdLength, {.trim = true});
    const std::optional<QString> firstName = r.optionalString("first_name", kMaxNameLength, nameRules);
    const std::optional<QString> lastName = r.optionalString("last_name", kMaxNameLength, nameRules);
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    const OrgId orgId = request.caller().orgId;
    const ContactId contactId = request.param(QStringLiteral("contactId"));
    const Clock &clock = ctx.clock;
    IdSource &ids = ctx.ids;
    ctx.commands.run(
        [=, &clock, &ids](QSqlDatabase &db) -> Result<CommandEffects> {
            auto existing = ss::contactById(db, orgId, contactId);
            if (!existing)
                return existing.error();
            Contact updated = *existing;
            updated.crmId = crmId;
            if (firstName)
                updated.firstName = *firstName;
            if (lastName)
                updated.lastName = *lastName;
            auto chatrooms = ss::chatroomsOfContact(db, orgId, contactId);
            if (!chatrooms)
                return chatrooms.error();
            auto seq = nextSeqFor(db, orgId);
            if (!seq)
                return seq.error();
            RuleContext rules(clock, ids, *seq);
            if (auto saved = ss::updateContact(db, updated, rules.now()); !saved)
                return saved.error();

            const QJsonObject json = contactToJson(updated);
            CommandEffects effects = answer(200, json, orgId);
            for (const Chatroom &chatroom : std::as_const(*chatrooms)) {
                const Outcome renamed = applyContactUpdate(chatroom, updated, rules);
                if (!renamed.changed())
                    continue;
                auto committed = commitOutcome(db, renamed, rules.now(), 200, json);
                if (!committed)
                    return committed.error();
                effects.events.append(committed->events);
            }
            return effects;
        },
        reply);
}

void getContactRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    auto contact =
        ss::contactById(ctx.readDb, request.caller().orgId, request.param(QStringLiteral("contactId")));
    if (replyIfError(contact, reply))
        return;
    reply.json(200, contactToJson(*contact));
}

} // namespace

void addContactRoutes(Router &router, RouteContext &ctx)
{
    const auto bind = [&ctx](void (*handler)(RouteContext &, ApiRequest &, const HttpReply &)) {
        return [&ctx, handler](ApiRequest &request, const HttpReply &reply) { handler(ctx, request, reply); };
    };
    const Access admins = Access::roles_({Role::Admin});
    router.add(Method::Post, QStringLiteral("/v2/org/{orgId}/contact"), admins, bind(createContactRoute));
    router.add(Method::Put, QStringLiteral("/v1/orgs/{orgId}/contact/{contactId}"), admins,
               bind(updateContactRoute));
    router.add(Method::Get, QStringLiteral("/v1/orgs/{orgId}/contacts/{contactId}"),
               Access::roles_({Role::Admin, Role::Supervisor}), bind(getContactRoute));
}

} // namespace handover
