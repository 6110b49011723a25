#pragma once

#include "core/domain/chatroom.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

namespace handover::sim {
class WhatsAppSimulator;
}

namespace handover::console {

class DemoCustomers;
class OrgApi;
struct DemoOrg;

struct DemoDriverOptions
{
    int stepIntervalMs = 3000; // one automation step this often
    double pace = 1.0;         // scales every interval and pause: 0.05 runs the demo twenty times faster
    int firstStepDelayMs = 300;
};

// Makes the demo org live: on a timer it plays the automation (a CRM sending templates with the API key) and
// its customers (through the simulator), in a cycle that shows every rule of the page within a minute:
//   1. the bot greets a waiting lead with a bumping template, and the lead answers free-flow or taps a
//      button that is not relayed: a handover (R4, R6, R8, R9);
//   2. a silent order update to an agent's customer (R4s), whose phone reports delivered and read (R14);
//   3. an appointment reminder sent with relay_response, tapped: relayed to the org webhook (R5, R7);
//   4. a customer writes to their agent: a bump (R9);
//   5. a delivery survey, relayed and silent (bump false, bump_response false), tapped (R5, R7).
// When no lead is waiting, the oldest handed-over lead's chatroom is deactivated and a new bot-first one is
// made for them (R2, R12), so handovers keep coming.
class DemoDriver final : public QObject
{
    Q_OBJECT

public:
    DemoDriver(OrgApi &api, sim::WhatsAppSimulator &simulator, const DemoOrg &org, DemoDriverOptions options,
               QObject *parent = nullptr);
    ~DemoDriver() override;

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    int stepIntervalMs() const;
    DemoCustomers &customers() { return *m_customers; }

Q_SIGNALS:
    // One line per thing the demo did, in the application's language, for an activity log.
    void activity(const QString &description);

private:
    enum class Scene
    {
        GreetLead,
        SilentUpdate,
        Appointment,
        CustomerWrites,
        Survey
    };

    void loadButtonLabels();
    void step();
    void play(Scene scene, const QList<Chatroom> &chatrooms);
    void greetLead(const QList<Chatroom> &chatrooms);
    void recycleLead(const QList<Chatroom> &chatrooms);
    void sendTemplate(const Chatroom &chatroom, const QString &remoteTemplateId, const QJsonObject &sendFlags,
                      const QJsonArray &params, const QString &description);
    // An active chatroom with an agent, a different one each time; nullptr when there is none.
    const Chatroom *nextAgentChatroom(const QList<Chatroom> &chatrooms);
    QString personaName(const Chatroom &chatroom) const;

    OrgApi &m_api;
    const DemoOrg &m_org;
    DemoDriverOptions m_options;
    DemoCustomers *m_customers;
    QTimer m_timer;
    bool m_running = false;
    bool m_stepInFlight = false;
    int m_step = 0;
    int m_rotation = 0; // which agent's chatroom is next
    int m_leadTurn = 0; // leads alternate between tapping and writing
    int m_orderNumber = 1040;
};

} // namespace handover::console
