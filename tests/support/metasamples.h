#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>

namespace handover::testing {

// Meta's published WhatsApp Cloud API samples, stored in tests/data/meta (SOURCES.md there names each one's
// origin): webhooks/ holds the webhook envelopes Meta posts, graph/ the Graph API requests and answers.
QString metaSamplesDir();
// The sample at `relativePath` ("webhooks/image.json"); an empty object when it cannot be read.
QJsonObject metaSample(const QString &relativePath);

// ---- webhook envelopes: entry[].changes[].value.{messages,statuses}
// Every message's and status's `timestamp` set to `unixSeconds` (Meta's samples are from the past).
QJsonObject withTimestamps(QJsonObject envelope, qint64 unixSeconds);
// The envelope with each message (status) changed by `edit`, which gets its index in the envelope.
using SampleEdit = std::function<void(QJsonObject &, qsizetype)>;
QJsonObject withEachMessage(QJsonObject envelope, const SampleEdit &edit);
QJsonObject withEachStatus(QJsonObject envelope, const SampleEdit &edit);
// The envelope with its first message (or first status) changed by `edit`.
QJsonObject withFirstMessage(QJsonObject envelope, const std::function<void(QJsonObject &)> &edit);
QJsonObject withFirstStatus(QJsonObject envelope, const std::function<void(QJsonObject &)> &edit);
// Every message (status) of the envelope, in order.
QJsonArray messagesOf(const QJsonObject &envelope);
QJsonArray statusesOf(const QJsonObject &envelope);
// A member of a JSON object given as a path of keys: valueAt(message, {"image", "caption"}).
QJsonValue valueAt(const QJsonValue &root, const QStringList &keys);

// ---- comparisons; each returns one sentence per difference, empty when there is none
// How `actual` (a request the server sent to the Graph API) differs in shape from Meta's `sample`: a key of
// the sample missing (unless `optionalKeys` names it), a key the sample does not have, another JSON type.
// Array elements are compared with the sample's element of the same "type" (or its first one).
QStringList shapeProblems(const QJsonValue &sample, const QJsonValue &actual,
                          const QSet<QString> &optionalKeys, const QString &path = QStringLiteral("$"));
// How `actual` (an object of the server's API) differs from `expected`, a subset of it: every key of
// `expected` must be there with the same value (objects recursively, arrays element by element). An expected
// null means "null, empty or absent".
QStringList fieldProblems(const QJsonValue &expected, const QJsonValue &actual,
                          const QString &path = QStringLiteral("$"));
// What the API must hold for a customer message Meta posted (API.md, "Media and rich messages"), as a subset
// for fieldProblems(): kind, text, sender, wa_message_id and the fields of its kind; `mediaBytes` are the
// bytes the Graph API served for a media message.
QJsonObject expectedApiMessage(const QJsonObject &metaMessage, const QByteArray &mediaBytes);
// Compact JSON text of a value, for failure messages.
QString jsonText(const QJsonValue &value);
// A template component of a send request or sample: the one whose "type" is `type` ({} when none).
QJsonObject templateComponent(const QJsonObject &request, const QString &type);

// Meta's shape of a template send: graph/send-template-positional.request.json with the body component of the
// graph/ sample `bodySample` and the header component of `headerSample` (no header when it is empty).
QJsonObject templateSendSample(const QString &bodySample, const QString &headerSample);

// Meta's text parameters `{type: text, text}` of `values`, in their order, each with its `parameter_name`
// from `names` when that is not empty (a NAMED template).
QJsonArray textParameters(const QStringList &values, const QStringList &names = {});

// The SHA-256 of `bytes` in both forms the API may use: lowercase hex and Meta's base64.
QStringList sha256Forms(const QByteArray &bytes);
// "16505551234" for "+1 (650) 555-1234".
QString digitsOnly(const QString &phone);

} // namespace handover::testing
