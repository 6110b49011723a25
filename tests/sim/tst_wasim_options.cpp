#include "sim/simoptions.h"

#include <QTest>

using namespace handover::sim;

namespace {

QStringList args(std::initializer_list<const char *> list)
{
    QStringList result{QStringLiteral("handover-wa-sim")};
    for (const char *arg : list)
        result.append(QString::fromUtf8(arg));
    return result;
}

QProcessEnvironment environment(std::initializer_list<std::pair<const char *, const char *>> values)
{
    QProcessEnvironment env;
    for (const auto &[name, value] : values)
        env.insert(QString::fromLatin1(name), QString::fromUtf8(value));
    return env;
}

} // namespace

class TestWaSimOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullCommandLineIsRead();
    void defaultsListenOnLoopbackAnyPort();
    void environmentFillsMissingOptions();
    void commandLineBeatsEnvironment();
    void refused_data();
    void refused();
    void helpListsEveryOption();
    void listenAddresses_data();
    void listenAddresses();
    void phonesAreRegisteredWithTheirTokens();
    void phonesComeFromTheEnvironmentToo();
};

void TestWaSimOptions::fullCommandLineIsRead()
{
    const SimCommandLine line = parseSimCommandLine(
        args({"--listen", "127.0.0.1:8090", "--webhook-url", "http://127.0.0.1:8080/webhooks/whatsapp",
              "--app-secret", "s3cret", "--access-token", "tok", "--verify-token", "vt"}),
        QProcessEnvironment());
    QCOMPARE(line.action, SimCommandLine::Action::Run);
    QCOMPARE(line.options.listenAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(line.options.listenPort, 8090);
    QCOMPARE(line.options.webhookUrl, QUrl(QStringLiteral("http://127.0.0.1:8080/webhooks/whatsapp")));
    QCOMPARE(line.options.appSecret, QByteArrayLiteral("s3cret"));
    QCOMPARE(line.options.accessToken, QByteArrayLiteral("tok"));
    QCOMPARE(line.options.verifyToken, QStringLiteral("vt"));
}

void TestWaSimOptions::defaultsListenOnLoopbackAnyPort()
{
    const SimCommandLine line = parseSimCommandLine(args({"--app-secret", "s"}), QProcessEnvironment());
    QCOMPARE(line.action, SimCommandLine::Action::Run);
    QCOMPARE(line.options.listenAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(line.options.listenPort, 0);
    QVERIFY(line.options.webhookUrl.isEmpty());
    QVERIFY(line.options.accessToken.isEmpty());
}

void TestWaSimOptions::environmentFillsMissingOptions()
{
    const SimCommandLine line = parseSimCommandLine(
        args({}), environment({{"HANDOVER_SIM_LISTEN", "127.0.0.1:9000"},
                               {"HANDOVER_SIM_WEBHOOK_URL", "http://localhost:1/webhooks/whatsapp"},
                               {"HANDOVER_SIM_APP_SECRET", "from-env"},
                               {"HANDOVER_SIM_ACCESS_TOKEN", "env-token"},
                               {"HANDOVER_SIM_VERIFY_TOKEN", "env-verify"}}));
    QCOMPARE(line.action, SimCommandLine::Action::Run);
    QCOMPARE(line.options.listenPort, 9000);
    QCOMPARE(line.options.webhookUrl.port(), 1);
    QCOMPARE(line.options.appSecret, QByteArrayLiteral("from-env"));
    QCOMPARE(line.options.accessToken, QByteArrayLiteral("env-token"));
    QCOMPARE(line.options.verifyToken, QStringLiteral("env-verify"));
}

void TestWaSimOptions::commandLineBeatsEnvironment()
{
    const SimCommandLine line = parseSimCommandLine(args({"--app-secret", "from-args"}),
                                                    environment({{"HANDOVER_SIM_APP_SECRET", "from-env"}}));
    QCOMPARE(line.options.appSecret, QByteArrayLiteral("from-args"));
}

void TestWaSimOptions::refused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no app secret") << args({"--listen", "127.0.0.1:0"});
    QTest::newRow("a listen address without port") << args({"--app-secret", "s", "--listen", "127.0.0.1"});
    QTest::newRow("a listen port out of range") << args({"--app-secret", "s", "--listen", "127.0.0.1:70000"});
    QTest::newRow("a listen host that is no address") << args({"--app-secret", "s", "--listen", "nowhere:1"});
    QTest::newRow("a webhook URL that is not http")
        << args({"--app-secret", "s", "--webhook-url", "ftp://h/x"});
    QTest::newRow("a webhook URL without host") << args({"--app-secret", "s", "--webhook-url", "http:///x"});
    QTest::newRow("an unknown option") << args({"--app-secret", "s", "--port", "1"});
    QTest::newRow("a stray argument") << args({"--app-secret", "s", "extra"});
    QTest::newRow("a phone without token") << args({"--app-secret", "s", "--phone", "106540352242922"});
    QTest::newRow("a phone with an empty token") << args({"--app-secret", "s", "--phone", "106:"});
    QTest::newRow("a phone without id") << args({"--app-secret", "s", "--phone", ":token"});
    QTest::newRow("a phone id with a slash") << args({"--app-secret", "s", "--phone", "1/2:token"});
}

void TestWaSimOptions::refused()
{
    QFETCH(QStringList, arguments);
    const SimCommandLine line = parseSimCommandLine(arguments, QProcessEnvironment());
    QCOMPARE(line.action, SimCommandLine::Action::Fail);
    QVERIFY(!line.message.isEmpty());
}

void TestWaSimOptions::helpListsEveryOption()
{
    const SimCommandLine line = parseSimCommandLine(args({"--help"}), QProcessEnvironment());
    QCOMPARE(line.action, SimCommandLine::Action::ShowHelp);
    for (const char *option :
         {"--listen", "--webhook-url", "--app-secret", "--access-token", "--verify-token", "--phone"})
        QVERIFY2(line.message.contains(QString::fromLatin1(option)), option);
}

void TestWaSimOptions::listenAddresses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("printed");
    QTest::newRow("IPv4 loopback") << "127.0.0.1:8090"
                                   << "127.0.0.1:8090";
    QTest::newRow("localhost is IPv4 loopback") << "localhost:0"
                                                << "127.0.0.1:0";
    QTest::newRow("IPv6 in brackets") << "[::1]:8090"
                                      << "[::1]:8090";
}

void TestWaSimOptions::listenAddresses()
{
    QFETCH(QString, text);
    QFETCH(QString, printed);
    const std::optional<ListenAddress> address = parseListenAddress(text);
    QVERIFY(address);
    QCOMPARE(listenAddressText(address->address, address->port), printed);
}

void TestWaSimOptions::phonesAreRegisteredWithTheirTokens()
{
    const SimCommandLine line = parseSimCommandLine(
        args({"--app-secret", "s", "--phone", "106540352242922:EAAG:token", "--phone", "phone-2:other"}),
        QProcessEnvironment());
    QCOMPARE(line.action, SimCommandLine::Action::Run);
    QCOMPARE(line.options.phones.size(), 2);
    const PhoneRegistration &first = line.options.phones.first();
    QCOMPARE(first.phone.phoneNumberId, QStringLiteral("106540352242922"));
    QCOMPARE(first.accessToken, QByteArrayLiteral("EAAG:token")); // everything after the first ':'
    QCOMPARE(line.options.phones.last().phone.phoneNumberId, QStringLiteral("phone-2"));
    QCOMPARE(line.options.phones.last().accessToken, QByteArrayLiteral("other"));
}

void TestWaSimOptions::phonesComeFromTheEnvironmentToo()
{
    const SimCommandLine line = parseSimCommandLine(args({"--app-secret", "s"}),
                                                    environment({{"HANDOVER_SIM_PHONE", "1:one, 2:two"}}));
    QCOMPARE(line.action, SimCommandLine::Action::Run);
    QCOMPARE(line.options.phones.size(), 2);
    QCOMPARE(line.options.phones.last().phone.phoneNumberId, QStringLiteral("2"));
    QCOMPARE(line.options.phones.last().accessToken, QByteArrayLiteral("two"));
}

QTEST_GUILESS_MAIN(TestWaSimOptions)
#include "tst_wasim_options.moc"
