// The files the demo's simulated customers send: real files of their type, within Meta's limits for their
// kind, each going with one of its customer's lines.

#include "sim/demo/demopersonas.h"
#include "sim/mediaformat.h"

#include <QTest>

using namespace handover::sim;

class TestWaSimDemoSamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samplesAreRealFilesOfTheirType();
    void samplesGoWithALineNowAndThen();
};

void TestWaSimDemoSamples::samplesAreRealFilesOfTheirType()
{
    int photos = 0;
    int documents = 0;
    for (const DemoPersona &persona : demoPersonas()) {
        for (const DemoAttachment &attachment : persona.attachments) {
            const QByteArray bytes = attachment.bytes();
            QVERIFY2(!bytes.isEmpty(), qPrintable(attachment.resource));
            QVERIFY2(bytes.size() <= 16 * 1024, "samples stay small");
            QVERIFY(bytes.size() <= maxMediaBytes(attachment.kind));
            QVERIFY2(kindTakesMimeType(attachment.kind, attachment.mimeType),
                     qPrintable(attachment.mimeType));
            QVERIFY(!attachment.filename.isEmpty());
            if (attachment.mimeType == QLatin1String("image/jpeg"))
                QVERIFY(bytes.startsWith("\xff\xd8\xff") && bytes.endsWith("\xff\xd9"));
            else if (attachment.mimeType == QLatin1String("image/png"))
                QVERIFY(bytes.startsWith("\x89PNG\r\n\x1a\n"));
            else if (attachment.mimeType == QLatin1String("application/pdf"))
                QVERIFY(bytes.startsWith("%PDF-") && bytes.trimmed().endsWith("%%EOF"));
            else
                QFAIL(qPrintable(QStringLiteral("no check for ") + attachment.mimeType));
            (attachment.kind == QLatin1String("image") ? photos : documents) += 1;
        }
    }
    QVERIFY(photos >= 1);
    QVERIFY(documents >= 1);
}

void TestWaSimDemoSamples::samplesGoWithALineNowAndThen()
{
    int withAttachment = 0;
    int plain = 0;
    for (const DemoPersona &persona : demoPersonas()) {
        for (int turn = 0; turn < persona.lines.size(); ++turn) {
            const DemoAttachment *attachment = persona.attachment(turn);
            (attachment ? withAttachment : plain) += 1;
            // The same file comes back when the customer's lines come round again.
            QCOMPARE(persona.attachment(turn + static_cast<int>(persona.lines.size())), attachment);
        }
        for (const DemoAttachment &attachment : persona.attachments)
            QVERIFY(attachment.turn >= 0 && attachment.turn < persona.lines.size());
    }
    QVERIFY(withAttachment >= 3);
    QVERIFY2(plain > 3 * withAttachment, "most lines are plain text");
}

QTEST_GUILESS_MAIN(TestWaSimDemoSamples)
#include "tst_wasim_demosamples.moc"
