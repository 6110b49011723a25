#include "sim/demo/demopersonas.h"

#include <QCoreApplication>
#include <QFile>

namespace handover::sim {

namespace {

const char *const kContext = "DemoPersonas";

DemoPersona persona(const char *crmId, const char *first, const char *last, const char *phone, bool botFirst,
                    QStringList spoken)
{
    DemoPersona p;
    p.crmId = QString::fromLatin1(crmId);
    p.firstName = QString::fromUtf8(first);
    p.lastName = QString::fromUtf8(last);
    p.phoneNumber = QString::fromLatin1(phone);
    p.botFirst = botFirst;
    p.lines = std::move(spoken);
    return p;
}

// The lines are kept untranslated here (QT_TRANSLATE_NOOP) and translated when spoken, so the demo
// speaks the console's language.
QStringList lines(std::initializer_list<const char *> texts)
{
    QStringList out;
    for (const char *text : texts)
        out.append(QString::fromUtf8(text));
    return out;
}

DemoAttachment sample(int turn, const char *kind, const char *file, const char *mimeType)
{
    return DemoAttachment{turn, QString::fromLatin1(kind),
                          QStringLiteral(":/demo/samples/") + QString::fromLatin1(file),
                          QString::fromLatin1(mimeType), QString::fromLatin1(file)};
}

} // namespace

QByteArray DemoAttachment::bytes() const
{
    QFile file(resource);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const DemoAttachment *DemoPersona::attachment(int n) const
{
    if (lines.isEmpty())
        return nullptr;
    const int turn = n % lines.size();
    for (const DemoAttachment &candidate : attachments) {
        if (candidate.turn == turn)
            return &candidate;
    }
    return nullptr;
}

QString DemoPersona::line(int n) const
{
    if (lines.isEmpty())
        return QCoreApplication::translate(kContext, "Hello?");
    const QString source = lines.at(n % lines.size());
    return QCoreApplication::translate(kContext, source.toUtf8().constData());
}

const QList<DemoPersona> &demoPersonas()
{
    static const QList<DemoPersona> cast = [] {
        QList<DemoPersona> people{
            persona("LEAD-1001", "Maya", "Lindqvist", "+15550100101", false,
                    lines({QT_TRANSLATE_NOOP("DemoPersonas", "Hi! Is the blue sofa still in stock?"),
                           QT_TRANSLATE_NOOP("DemoPersonas", "Could it be delivered on Saturday?"),
                           QT_TRANSLATE_NOOP("DemoPersonas", "Thanks, that works for me.")})),
            persona("LEAD-1002", "Tomás", "Herrera", "+15550100102", false,
                    lines({QT_TRANSLATE_NOOP("DemoPersonas", "My order arrived with a scratch on the top."),
                           QT_TRANSLATE_NOOP("DemoPersonas", "Here is a photo of the scratch."),
                           QT_TRANSLATE_NOOP("DemoPersonas", "A replacement would be great.")})),
            persona("LEAD-1003", "Priya", "Natarajan", "+15550100103", true,
                    lines({QT_TRANSLATE_NOOP("DemoPersonas", "What are your opening hours on Sunday?"),
                           QT_TRANSLATE_NOOP("DemoPersonas", "Do you have parking at the store?"),
                           QT_TRANSLATE_NOOP("DemoPersonas", "Great, see you then.")})),
            persona("LEAD-1004", "Jonas", "Becker", "+15550100104", true,
                    lines({QT_TRANSLATE_NOOP("DemoPersonas", "Can I pay in three instalments?"),
                           QT_TRANSLATE_NOOP("DemoPersonas", "And is there a fee for that?"),
                           QT_TRANSLATE_NOOP("DemoPersonas", "OK, I'll think about it.")})),
            persona("LEAD-1005", "Amara", "Okoye", "+15550100105", true,
                    lines({QT_TRANSLATE_NOOP("DemoPersonas", "I'd like to change my delivery address."),
                           QT_TRANSLATE_NOOP("DemoPersonas", "It should go to my office instead."),
                           QT_TRANSLATE_NOOP("DemoPersonas", "Perfect, thank you!")})),
            persona("LEAD-1006", "Kenji", "Watanabe", "+15550100106", true,
                    lines({QT_TRANSLATE_NOOP("DemoPersonas", "Is the discount still valid this week?"),
                           QT_TRANSLATE_NOOP("DemoPersonas", "Does it apply to the lamps too?"),
                           QT_TRANSLATE_NOOP("DemoPersonas", "Then I'll order two.")})),
            persona("LEAD-1007", "Sofia", "Rossi", "+15550100107", true,
                    lines({QT_TRANSLATE_NOOP("DemoPersonas", "Hello, I have a question about the warranty."),
                           QT_TRANSLATE_NOOP("DemoPersonas", "Does it cover the fabric as well?"),
                           QT_TRANSLATE_NOOP("DemoPersonas", "Good to know, thanks.")})),
            persona("LEAD-1008", "Lucas", "Moreau", "+15550100108", true,
                    lines({QT_TRANSLATE_NOOP("DemoPersonas", "Can someone call me back this afternoon?"),
                           QT_TRANSLATE_NOOP("DemoPersonas", "After 3 pm is best."),
                           QT_TRANSLATE_NOOP("DemoPersonas", "Thanks!")})),
        };
        // Now and then a photo or a document comes with a line.
        people[0].attachments = {sample(0, "image", "sofa.png", "image/png")};
        people[1].attachments = {sample(1, "image", "scratch.jpg", "image/jpeg")};
        people[4].attachments = {sample(1, "document", "office-address.pdf", "application/pdf")};
        return people;
    }();
    return cast;
}

} // namespace handover::sim
