#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace handover::sim {

// A file a simulated customer sends with one of their lines (the line is its caption): a photo or a document,
// one of the small samples embedded under :/demo/samples.
struct DemoAttachment
{
    int turn = 0;     // the line it goes with, as an index into DemoPersona::lines
    QString kind;     // image | document, as Meta's message types name them
    QString resource; // ":/demo/samples/scratch.jpg"
    QString mimeType;
    QString filename;

    QByteArray bytes() const; // empty if the resource is missing
};

// A simulated customer of the demo: a contact of the demo org, played through the WhatsApp simulator.
struct DemoPersona
{
    QString crmId;
    QString firstName;
    QString lastName;
    QString phoneNumber;               // E.164; the +1 555 01xx range, which is reserved for fiction
    QStringList lines;                 // what they write when they answer free-flow, in turn
    QList<DemoAttachment> attachments; // what some of their lines come with
    bool botFirst =
        true; // a bot greets them first (assign_on_handover); false: an agent has them from the start

    QString displayName() const { return firstName + QLatin1Char(' ') + lastName; }
    QString profileName() const { return firstName; } // their WhatsApp name
    // The line for their n-th free-flow message, in the application's language.
    QString line(int n) const;
    // The file their n-th free-flow message comes with, or nullptr for a plain text.
    const DemoAttachment *attachment(int n) const;
};

// The cast, always in the same order with the same numbers, so a demo that restarts finds its contacts again.
const QList<DemoPersona> &demoPersonas();

} // namespace handover::sim
