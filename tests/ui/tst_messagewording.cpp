// How the console words messages that are not text: the chatroom list's preview by the last message's kind,
// and the notification of what a customer sent, in English and in the agent's language.
#include "client/notificationfilter.h"
#include "ui/chatroomlist/chatroomrowsmodel.h"
#include "ui/common/messagewording.h"
#include "ui/shell/notificationcenter.h"

#include <QTest>
#include <QTranslator>

using namespace handover;
using namespace Qt::StringLiterals;

namespace {

Chatroom withLastMessage(MessageKind kind, const QString &preview)
{
    Chatroom chatroom;
    chatroom.id = u"room-1"_s;
    chatroom.displayName = u"Asha Rao"_s;
    chatroom.lastMessage =
        LastMessage{u"m1"_s, preview, Direction::In, false, QDateTime::currentDateTimeUtc(), kind};
    return chatroom;
}

} // namespace

class TestMessageWording : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theListWordsThePreviewByItsKind_data();
    void theListWordsThePreviewByItsKind();
    void theListSpeaksTheAgentsLanguage_data();
    void theListSpeaksTheAgentsLanguage();
    void aNotificationSaysWhatArrived_data();
    void aNotificationSaysWhatArrived();
};

void TestMessageWording::theListWordsThePreviewByItsKind_data()
{
    QTest::addColumn<MessageKind>("kind");
    QTest::addColumn<QString>("preview"); // as the server sends it: a caption, a file name, a place, a name
    QTest::addColumn<QString>("shown");
    QTest::newRow("a text is its words")
        << MessageKind::Text << u"Is the sofa in stock?"_s << u"Is the sofa in stock?"_s;
    QTest::newRow("a photo without a caption") << MessageKind::Image << QString() << u"📷 Photo"_s;
    QTest::newRow("a photo with its caption")
        << MessageKind::Image << u"The box arrived like this"_s << u"📷 The box arrived like this"_s;
    QTest::newRow("a document by its name")
        << MessageKind::Document << u"invoice.pdf"_s << u"📄 invoice.pdf"_s;
    QTest::newRow("a voice message") << MessageKind::Audio << QString() << u"🎤 Voice message"_s;
    QTest::newRow("an audio file by its name") << MessageKind::Audio << u"jingle.mp3"_s << u"🎤 jingle.mp3"_s;
    QTest::newRow("a video") << MessageKind::Video << QString() << u"🎬 Video"_s;
    QTest::newRow("a sticker") << MessageKind::Sticker << QString() << u"🖼️ Sticker"_s;
    QTest::newRow("a place without a name") << MessageKind::Location << QString() << u"📍 Location"_s;
    QTest::newRow("a place by its name") << MessageKind::Location << u"Harbour Café"_s << u"📍 Harbour Café"_s;
    QTest::newRow("a shared contact by its name")
        << MessageKind::Contacts << u"Jonas Weber"_s << u"👤 Jonas Weber"_s;
    QTest::newRow("a list reply by its title")
        << MessageKind::Interactive << u"Thursday 10:00"_s << u"☑️ Thursday 10:00"_s;
    QTest::newRow("an unsupported message, not Meta's error title")
        << MessageKind::Unsupported << u"Message type unknown"_s << u"⚠️ Unsupported message"_s;
}

void TestMessageWording::theListWordsThePreviewByItsKind()
{
    QFETCH(MessageKind, kind);
    QFETCH(QString, preview);
    QFETCH(QString, shown);
    const Chatroom chatroom = withLastMessage(kind, preview);
    QCOMPARE(ChatroomRowsModel::chatroomData(chatroom, PreviewRole, u"agent-1"_s).toString(), shown);
}

void TestMessageWording::theListSpeaksTheAgentsLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<MessageKind>("kind");
    QTest::addColumn<QString>("shown");
    QTest::newRow("German: a photo") << u"de"_s << MessageKind::Image << u"📷 Foto"_s;
    QTest::newRow("German: a voice message") << u"de"_s << MessageKind::Audio << u"🎤 Sprachnachricht"_s;
    QTest::newRow("German: a place") << u"de"_s << MessageKind::Location << u"📍 Standort"_s;
    QTest::newRow("Portuguese: a photo") << u"pt_BR"_s << MessageKind::Image << u"📷 Foto"_s;
    QTest::newRow("Portuguese: a sticker") << u"pt_BR"_s << MessageKind::Sticker << u"🖼️ Figurinha"_s;
    QTest::newRow("Portuguese: a contact") << u"pt_BR"_s << MessageKind::Contacts << u"👤 Contato"_s;
}

void TestMessageWording::theListSpeaksTheAgentsLanguage()
{
    QFETCH(QString, language);
    QFETCH(MessageKind, kind);
    QFETCH(QString, shown);
    QTranslator translator;
    QVERIFY(translator.load(u":/i18n/handover_%1.qm"_s.arg(language)));
    QCoreApplication::installTranslator(&translator);
    const QString preview =
        ChatroomRowsModel::chatroomData(withLastMessage(kind, {}), PreviewRole, {}).toString();
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(preview, shown);
}

void TestMessageWording::aNotificationSaysWhatArrived_data()
{
    QTest::addColumn<client::Notice::Kind>("notice");
    QTest::addColumn<MessageKind>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("body");
    using Kind = client::Notice::Kind;
    QTest::newRow("a text says its words")
        << Kind::CustomerWrote << MessageKind::Text << u"Hello?"_s << u"Asha Rao"_s << u"Hello?"_s;
    QTest::newRow("a photo") << Kind::CustomerWrote << MessageKind::Image << QString() << u"Asha Rao"_s
                             << u"Sent a photo"_s;
    QTest::newRow("a photo with a caption") << Kind::CustomerWrote << MessageKind::Image << u"Broken leg"_s
                                            << u"Asha Rao"_s << u"Sent a photo: Broken leg"_s;
    QTest::newRow("a document") << Kind::CustomerWrote << MessageKind::Document << u"receipt.pdf"_s
                                << u"Asha Rao"_s << u"Sent a document: receipt.pdf"_s;
    QTest::newRow("a voice message") << Kind::CustomerWrote << MessageKind::Audio << QString()
                                     << u"Asha Rao"_s << u"Sent a voice message"_s;
    QTest::newRow("a place") << Kind::CustomerWrote << MessageKind::Location << u"Depot 4"_s << u"Asha Rao"_s
                             << u"Shared a location: Depot 4"_s;
    QTest::newRow("a contact") << Kind::CustomerWrote << MessageKind::Contacts << u"Jonas Weber"_s
                               << u"Asha Rao"_s << u"Shared a contact: Jonas Weber"_s;
    QTest::newRow("a list reply") << Kind::CustomerWrote << MessageKind::Interactive << u"Thursday 10:00"_s
                                  << u"Asha Rao"_s << u"Chose “Thursday 10:00”"_s;
    QTest::newRow("a handover by a photo")
        << Kind::HandedOver << MessageKind::Image << QString() << u"Now yours: Asha Rao"_s
        << u"Handed over to you. Sent a photo"_s;
}

void TestMessageWording::aNotificationSaysWhatArrived()
{
    QFETCH(client::Notice::Kind, notice);
    QFETCH(MessageKind, kind);
    QFETCH(QString, text);
    QFETCH(QString, title);
    QFETCH(QString, body);
    client::Notice raised;
    raised.kind = notice;
    raised.chatroomId = u"room-1"_s;
    raised.chatroomName = u"Asha Rao"_s;
    raised.text = text;
    raised.messageKind = kind;
    const auto [shownTitle, shownBody] = noticeText(raised);
    QCOMPARE(shownTitle, title);
    QCOMPARE(shownBody, body);
}

QTEST_MAIN(TestMessageWording)
#include "tst_messagewording.moc"
