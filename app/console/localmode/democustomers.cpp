#include "app/console/localmode/democustomers.h"

#include "core/logging.h"
#include "sim/whatsappsimulator.h"

#include <QTimer>

namespace handover::console {

DemoCustomers::DemoCustomers(sim::WhatsAppSimulator &simulator, QString businessPhoneId, int reactionDelayMs,
                             QObject *parent)
    : QObject(parent)
    , m_simulator(simulator)
    , m_businessPhoneId(std::move(businessPhoneId))
    , m_reactionDelayMs(reactionDelayMs)
{
    const QList<sim::DemoPersona> &cast = sim::demoPersonas();
    for (int i = 0; i < cast.size(); ++i)
        m_personaByDigits.insert(sim::metaPhoneDigits(cast.at(i).phoneNumber), i);
    connect(&m_simulator, &sim::WhatsAppSimulator::businessMessageSent, this,
            &DemoCustomers::businessMessageSent);
}

const sim::DemoPersona *DemoCustomers::persona(const QString &phone) const
{
    const auto it = m_personaByDigits.constFind(sim::metaPhoneDigits(phone));
    return it == m_personaByDigits.cend() ? nullptr : &sim::demoPersonas().at(*it);
}

void DemoCustomers::expect(const QString &phone, const QString &templateName, CustomerReaction reaction)
{
    m_expected[sim::metaPhoneDigits(phone)].append({templateName, reaction});
}

bool DemoCustomers::write(const QString &phone)
{
    const sim::DemoPersona *who = persona(phone);
    if (!who)
        return false;
    const QString digits = sim::metaPhoneDigits(phone);
    // The customer's own words, untranslated: a customer's language is not the agent's.
    const int turn = m_linesWritten[digits]++;
    const QString text =
        who->lines.isEmpty() ? QStringLiteral("Hello?") : who->lines.at(turn % who->lines.size());
    sim::CustomerMessage message;
    message.from = digits;
    message.phoneNumberId = m_businessPhoneId;
    message.profileName = who->profileName();
    if (const sim::DemoAttachment *attachment = who->attachment(turn)) {
        // Now and then a photo or a document, with the line as its caption.
        sim::InboundMedia media;
        media.kind = attachment->kind;
        media.bytes = attachment->bytes();
        media.mimeType = attachment->mimeType;
        media.filename = attachment->filename;
        media.caption = text;
        message.media = media;
    } else {
        message.text = text;
    }
    const auto sent = m_simulator.sendInbound(std::move(message));
    if (!sent) {
        qCWarning(lcWhatsApp) << "demo customer could not write:" << sent.error().description;
        return false;
    }
    Q_EMIT acted(tr("%1 wrote: %2").arg(who->displayName(), text));
    return true;
}

void DemoCustomers::businessMessageSent(const sim::OutboundMessage &message)
{
    // The phone reports the message as delivered, then read, as WhatsApp does.
    const QString id = message.waMessageId;
    QTimer::singleShot(m_reactionDelayMs / 4, this, [this, id] { report(id, QStringLiteral("delivered")); });
    QTimer::singleShot(m_reactionDelayMs / 2, this, [this, id] { report(id, QStringLiteral("read")); });

    if (message.type != QLatin1String("template"))
        return;
    auto &queue = m_expected[message.to];
    const auto it = std::find_if(queue.begin(), queue.end(),
                                 [&](const auto &entry) { return entry.first == message.templateName; });
    if (it == queue.end())
        return;
    const CustomerReaction reaction = it->second;
    queue.erase(it);
    QTimer::singleShot(m_reactionDelayMs, this, [this, message, reaction] { react(message, reaction); });
}

void DemoCustomers::react(const sim::OutboundMessage &message, CustomerReaction reaction)
{
    switch (reaction.kind) {
    case CustomerReaction::Kind::Nothing:
        return;
    case CustomerReaction::Kind::Write:
        write(message.to);
        return;
    case CustomerReaction::Kind::TapButton:
        break;
    }
    const auto button =
        std::find_if(message.buttons.cbegin(), message.buttons.cend(),
                     [&](const sim::OutboundButton &b) { return b.index == reaction.buttonIndex; });
    if (button == message.buttons.cend())
        return;
    const QStringList labels = m_labels.value(message.templateName);
    const QString label = labels.value(reaction.buttonIndex, button->text);
    const sim::DemoPersona *who = persona(message.to);
    const auto sent = m_simulator.sendButtonTap(message.to, message.phoneNumberId,
                                                sim::ButtonTap{message.waMessageId, label, button->payload},
                                                who ? who->profileName() : QString());
    if (!sent) {
        qCWarning(lcWhatsApp) << "demo customer could not tap:" << sent.error().description;
        return;
    }
    Q_EMIT acted(tr("%1 tapped \"%2\"").arg(who ? who->displayName() : message.to, label));
}

void DemoCustomers::report(const QString &waMessageId, const QString &status)
{
    const auto sent = m_simulator.sendStatus(waMessageId, status);
    if (!sent)
        qCDebug(lcWhatsApp) << "demo phone could not report" << status << sent.error().description;
}

} // namespace handover::console
