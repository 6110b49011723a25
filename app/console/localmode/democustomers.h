#pragma once

#include "sim/demo/demopersonas.h"
#include "sim/metaformat.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>
#include <utility>

namespace handover::sim {
class WhatsAppSimulator;
}

namespace handover::console {

// How a simulated customer answers the next template of a given name.
struct CustomerReaction
{
    enum class Kind
    {
        Nothing,
        TapButton,
        Write
    } kind = Kind::Nothing;
    int buttonIndex = 0;
};

// The demo's customers, played through the WhatsApp simulator: their phones report every message the
// business sends them as delivered and then read, and they answer templates the way the automation expected
// (a tap on a button, a free-flow line, or nothing) after a short pause, as a person would.
class DemoCustomers final : public QObject
{
    Q_OBJECT

public:
    // `reactionDelayMs` is the pause before answering; statuses come within it.
    DemoCustomers(sim::WhatsAppSimulator &simulator, QString businessPhoneId, int reactionDelayMs,
                  QObject *parent = nullptr);

    // Button labels per template name, as the org's templates have them (Meta's sends carry only payloads).
    void setButtonLabels(QHash<QString, QStringList> labels) { m_labels = std::move(labels); }
    // The next template `templateName` that reaches `phone` (E.164) gets this answer.
    void expect(const QString &phone, const QString &templateName, CustomerReaction reaction);
    // The customer writes their next line now.
    bool write(const QString &phone);
    const sim::DemoPersona *persona(const QString &phone) const;

Q_SIGNALS:
    // What a customer just did, for the demo's activity log.
    void acted(const QString &description);

private:
    void businessMessageSent(const sim::OutboundMessage &message);
    void react(const sim::OutboundMessage &message, CustomerReaction reaction);
    void report(const QString &waMessageId, const QString &status);

    sim::WhatsAppSimulator &m_simulator;
    QString m_businessPhoneId;
    int m_reactionDelayMs;
    QHash<QString, QStringList> m_labels;
    QHash<QString, int> m_personaByDigits;
    QHash<QString, int> m_linesWritten;                                     // by phone digits
    QHash<QString, QList<std::pair<QString, CustomerReaction>>> m_expected; // by phone digits
};

} // namespace handover::console
