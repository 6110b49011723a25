#include "app/console/localmode/demodriver.h"

#include "app/console/localmode/democatalog.h"
#include "app/console/localmode/democustomers.h"
#include "app/console/localmode/demoorg.h"
#include "app/console/localmode/orgapi.h"
#include "core/json/apicodec.h"
#include "core/logging.h"

#include <QJsonArray>

namespace handover::console {

namespace {

constexpr int kSceneCount = 5;

QJsonObject flags(bool bump, bool relayResponse, bool bumpResponse)
{
    return QJsonObject{{QStringLiteral("bump"), bump},
                       {QStringLiteral("relay_response"), relayResponse},
                       {QStringLiteral("bump_response"), bumpResponse}};
}

QJsonArray param(const QString &tag, const QString &value)
{
    return QJsonArray{QJsonObject{{QStringLiteral("tag"), tag}, {QStringLiteral("value"), value}}};
}

} // namespace

DemoDriver::DemoDriver(OrgApi &api, sim::WhatsAppSimulator &simulator, const DemoOrg &org,
                       DemoDriverOptions options, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_org(org)
    , m_options(options)
    , m_customers(new DemoCustomers(simulator, demo::kPhoneId, stepIntervalMs() / 2, this))
{
    m_timer.setInterval(stepIntervalMs());
    connect(&m_timer, &QTimer::timeout, this, &DemoDriver::step);
    connect(m_customers, &DemoCustomers::acted, this, &DemoDriver::activity);
}

DemoDriver::~DemoDriver() = default;

int DemoDriver::stepIntervalMs() const
{
    return qMax(20, int(m_options.stepIntervalMs * m_options.pace));
}

void DemoDriver::start()
{
    if (m_running)
        return;
    m_running = true;
    loadButtonLabels();
    QTimer::singleShot(qMax(0, int(m_options.firstStepDelayMs * m_options.pace)), this, [this] {
        if (!m_running)
            return;
        step();
        m_timer.start();
    });
}

void DemoDriver::stop()
{
    m_running = false;
    m_timer.stop();
}

void DemoDriver::loadButtonLabels()
{
    m_api.call("GET", m_api.orgsPath(QStringLiteral("/templates")), {}, this,
               [this](const OrgApiAnswer &answer) {
                   QHash<QString, QStringList> labels;
                   for (const QJsonValue &value : answer.json.value(QLatin1String("templates")).toArray()) {
                       const auto t = templateFromJson(value.toObject());
                       if (!t)
                           continue;
                       QStringList texts;
                       for (const TemplateButton &button : t->buttons)
                           texts.append(button.text);
                       labels.insert(t->name, texts);
                   }
                   m_customers->setButtonLabels(std::move(labels));
               });
}

void DemoDriver::step()
{
    // One step at a time: a slow answer skips a beat rather than piling steps up.
    if (!m_running || m_stepInFlight)
        return;
    m_stepInFlight = true;
    const Scene scene = static_cast<Scene>(m_step++ % kSceneCount);
    m_api.call("GET", m_api.orgsPath(QStringLiteral("/chatrooms?view=all&limit=500")), {}, this,
               [this, scene](const OrgApiAnswer &answer) {
                   m_stepInFlight = false;
                   if (!answer.is(200)) {
                       qCWarning(lcClient) << "demo: cannot list chatrooms:" << answer.describe();
                       return;
                   }
                   QList<Chatroom> chatrooms;
                   for (const QJsonValue &value : answer.json.value(QLatin1String("chatrooms")).toArray()) {
                       auto chatroom = chatroomFromJson(value.toObject());
                       if (chatroom && chatroom->isActive() && m_customers->persona(chatroom->phoneNumber))
                           chatrooms.append(std::move(chatroom).value());
                   }
                   if (m_running)
                       play(scene, chatrooms);
               });
}

void DemoDriver::play(Scene scene, const QList<Chatroom> &chatrooms)
{
    if (scene == Scene::GreetLead) {
        greetLead(chatrooms);
        return;
    }
    const Chatroom *chatroom = nextAgentChatroom(chatrooms);
    if (!chatroom)
        return;
    const QString name = personaName(*chatroom);
    switch (scene) {
    case Scene::GreetLead:
        break;
    case Scene::SilentUpdate:
        sendTemplate(*chatroom, demo::kShippingTemplate, flags(false, false, true),
                     param(QStringLiteral("order"), QStringLiteral("NH-%1").arg(++m_orderNumber)),
                     tr("Automation sent %1 a silent order update").arg(name));
        break;
    case Scene::Appointment:
        m_customers->expect(chatroom->phoneNumber, QStringLiteral("appointment_reminder"),
                            {CustomerReaction::Kind::TapButton, m_step % 3 == 0 ? 1 : 0});
        sendTemplate(*chatroom, demo::kAppointmentTemplate, flags(true, true, true),
                     param(QStringLiteral("slot"), QStringLiteral("tomorrow at 10:00")),
                     tr("Automation sent %1 an appointment reminder; the answer is relayed").arg(name));
        break;
    case Scene::CustomerWrites:
        m_customers->write(chatroom->phoneNumber);
        break;
    case Scene::Survey:
        m_customers->expect(chatroom->phoneNumber, QStringLiteral("delivery_survey"),
                            {CustomerReaction::Kind::TapButton, 0});
        sendTemplate(*chatroom, demo::kSurveyTemplate, flags(false, true, false), {},
                     tr("Automation sent %1 a silent survey; the answer is relayed").arg(name));
        break;
    }
}

void DemoDriver::greetLead(const QList<Chatroom> &chatrooms)
{
    // The lead that has waited longest: the last of the waiting ones in list order.
    const Chatroom *lead = nullptr;
    for (const Chatroom &chatroom : chatrooms) {
        if (chatroom.pendingHandover)
            lead = &chatroom;
    }
    if (!lead) {
        recycleLead(chatrooms);
        return;
    }
    // Every other lead taps a button of the (not relayed) welcome, the others write back.
    const bool taps = (m_leadTurn++ % 2) == 0;
    m_customers->expect(lead->phoneNumber, QStringLiteral("welcome_offer"),
                        taps ? CustomerReaction{CustomerReaction::Kind::TapButton, 0}
                             : CustomerReaction{CustomerReaction::Kind::Write, 0});
    sendTemplate(*lead, demo::kWelcomeTemplate, flags(true, false, true), {},
                 tr("The bot greeted %1, who is waiting for an agent").arg(personaName(*lead)));
}

void DemoDriver::recycleLead(const QList<Chatroom> &chatrooms)
{
    // The handed-over lead touched least recently comes back as a new lead.
    const Chatroom *oldest = nullptr;
    for (const Chatroom &chatroom : chatrooms) {
        const sim::DemoPersona *who = m_customers->persona(chatroom.phoneNumber);
        if (who && who->botFirst && !chatroom.participants.isEmpty())
            oldest = &chatroom;
    }
    if (!oldest)
        return;
    const QString contactId = oldest->contactId;
    const QString name = personaName(*oldest);
    m_api.call("POST", m_api.orgsPath(QStringLiteral("/chatrooms/%1/deactivate").arg(oldest->id)), {}, this,
               [this, contactId, name](const OrgApiAnswer &deactivated) {
                   if (!deactivated.is(200)) {
                       qCWarning(lcClient) << "demo: cannot deactivate:" << deactivated.describe();
                       return;
                   }
                   const QJsonObject assign{{QStringLiteral("group_id"), m_org.groupId},
                                            {QStringLiteral("assign_on_handover"), true},
                                            {QStringLiteral("display_name"), name}};
                   m_api.call(
                       "POST", QStringLiteral("/v3/orgs/%1/contacts/%2/assign").arg(m_api.orgId(), contactId),
                       assign, this, [this, name](const OrgApiAnswer &created) {
                           if (!created.is(201)) {
                               qCWarning(lcClient) << "demo: cannot open a lead:" << created.describe();
                               return;
                           }
                           Q_EMIT activity(tr("%1 is a new lead again, waiting for the bot").arg(name));
                       });
               });
}

void DemoDriver::sendTemplate(const Chatroom &chatroom, const QString &remoteTemplateId,
                              const QJsonObject &sendFlags, const QJsonArray &params,
                              const QString &description)
{
    QJsonObject body = sendFlags;
    body.insert(QStringLiteral("remote_template_id"), remoteTemplateId);
    if (!params.isEmpty())
        body.insert(QStringLiteral("template_params"), params);
    m_api.call("POST",
               QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(m_api.orgId(), chatroom.id),
               body, this, [this, description](const OrgApiAnswer &answer) {
                   if (!answer.is(201)) {
                       qCWarning(lcClient) << "demo: template not sent:" << answer.describe();
                       return;
                   }
                   Q_EMIT activity(description);
               });
}

const Chatroom *DemoDriver::nextAgentChatroom(const QList<Chatroom> &chatrooms)
{
    QList<const Chatroom *> candidates;
    for (const Chatroom &chatroom : chatrooms) {
        if (!chatroom.participants.isEmpty())
            candidates.append(&chatroom);
    }
    if (candidates.isEmpty())
        return nullptr;
    return candidates.at(m_rotation++ % candidates.size());
}

QString DemoDriver::personaName(const Chatroom &chatroom) const
{
    const sim::DemoPersona *who = m_customers->persona(chatroom.phoneNumber);
    return who ? who->displayName() : chatroom.displayName;
}

} // namespace handover::console
