#include "tests/support/metasamples.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QStringList>

namespace handover::testing {

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// Runs `edit` on every object of the array `key` of every change value of the envelope, with its index.
QJsonObject editValues(QJsonObject envelope, const QString &key, const SampleEdit &edit)
{
    QJsonArray entries = envelope.value(QLatin1String("entry")).toArray();
    qsizetype index = 0;
    for (qsizetype e = 0; e < entries.size(); ++e) {
        QJsonObject entry = entries.at(e).toObject();
        QJsonArray changes = entry.value(QLatin1String("changes")).toArray();
        for (qsizetype c = 0; c < changes.size(); ++c) {
            QJsonObject change = changes.at(c).toObject();
            QJsonObject value = change.value(QLatin1String("value")).toObject();
            if (!value.contains(key))
                continue;
            QJsonArray items = value.value(key).toArray();
            for (qsizetype i = 0; i < items.size(); ++i) {
                QJsonObject item = items.at(i).toObject();
                edit(item, index++);
                items.replace(i, item);
            }
            value.insert(key, items);
            change.insert(QStringLiteral("value"), value);
            changes.replace(c, change);
        }
        entry.insert(QStringLiteral("changes"), changes);
        entries.replace(e, entry);
    }
    envelope.insert(QStringLiteral("entry"), entries);
    return envelope;
}

QJsonArray collect(const QJsonObject &envelope, const QString &key)
{
    QJsonArray all;
    editValues(envelope, key, [&all](QJsonObject &item, qsizetype) { all.append(item); });
    return all;
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("absent");
}

bool isEmptyLike(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty());
}

} // namespace

QString metaSamplesDir()
{
    return QStringLiteral(META_SAMPLES_DIR);
}

QJsonObject metaSample(const QString &relativePath)
{
    QFile file(QDir(metaSamplesDir()).filePath(relativePath));
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

QJsonObject withTimestamps(QJsonObject envelope, qint64 unixSeconds)
{
    const auto stamp = [unixSeconds](QJsonObject &item, qsizetype) {
        if (item.contains(QLatin1String("timestamp")))
            item.insert(QStringLiteral("timestamp"), QString::number(unixSeconds));
    };
    return editValues(editValues(std::move(envelope), QStringLiteral("messages"), stamp),
                      QStringLiteral("statuses"), stamp);
}

QJsonObject withEachMessage(QJsonObject envelope, const SampleEdit &edit)
{
    return editValues(std::move(envelope), QStringLiteral("messages"), edit);
}

QJsonObject withEachStatus(QJsonObject envelope, const SampleEdit &edit)
{
    return editValues(std::move(envelope), QStringLiteral("statuses"), edit);
}

QJsonObject withFirstMessage(QJsonObject envelope, const std::function<void(QJsonObject &)> &edit)
{
    return withEachMessage(std::move(envelope), [&edit](QJsonObject &message, qsizetype index) {
        if (index == 0)
            edit(message);
    });
}

QJsonObject withFirstStatus(QJsonObject envelope, const std::function<void(QJsonObject &)> &edit)
{
    return withEachStatus(std::move(envelope), [&edit](QJsonObject &status, qsizetype index) {
        if (index == 0)
            edit(status);
    });
}

QJsonArray messagesOf(const QJsonObject &envelope)
{
    return collect(envelope, QStringLiteral("messages"));
}

QJsonArray statusesOf(const QJsonObject &envelope)
{
    return collect(envelope, QStringLiteral("statuses"));
}

QJsonValue valueAt(const QJsonValue &root, const QStringList &keys)
{
    QJsonValue at = root;
    for (const QString &key : keys)
        at = at.toObject().value(key);
    return at;
}

QStringList shapeProblems(const QJsonValue &sample, const QJsonValue &actual,
                          const QSet<QString> &optionalKeys, const QString &path)
{
    if (sample.type() != actual.type())
        return {QStringLiteral("%1 is %2 where Meta's sample has %3")
                    .arg(path, typeName(actual), typeName(sample))};
    QStringList problems;
    if (sample.isObject()) {
        const QJsonObject want = sample.toObject();
        const QJsonObject have = actual.toObject();
        for (auto it = want.constBegin(); it != want.constEnd(); ++it) {
            if (!have.contains(it.key()) && !optionalKeys.contains(it.key()))
                problems.append(
                    QStringLiteral("%1.%2 is missing (Meta's sample has it)").arg(path, it.key()));
        }
        for (auto it = have.constBegin(); it != have.constEnd(); ++it) {
            const QString at = path + u'.' + it.key();
            if (!want.contains(it.key()))
                problems.append(QStringLiteral("%1 is not in Meta's sample").arg(at));
            else
                problems.append(shapeProblems(want.value(it.key()), it.value(), optionalKeys, at));
        }
    } else if (sample.isArray()) {
        const QJsonArray want = sample.toArray();
        const QJsonArray have = actual.toArray();
        if (!want.isEmpty() && have.isEmpty())
            problems.append(QStringLiteral("%1 is empty where Meta's sample has elements").arg(path));
        for (qsizetype i = 0; i < have.size() && !want.isEmpty(); ++i) {
            const QJsonValue type = have.at(i).toObject().value(QLatin1String("type"));
            QJsonValue match = want.first();
            for (const QJsonValue &candidate : want) {
                if (candidate.toObject().value(QLatin1String("type")) == type)
                    match = candidate;
            }
            problems.append(
                shapeProblems(match, have.at(i), optionalKeys, QStringLiteral("%1[%2]").arg(path).arg(i)));
        }
    }
    return problems;
}

QString jsonText(const QJsonValue &value)
{
    if (value.isUndefined())
        return QStringLiteral("absent");
    const QJsonDocument document = value.isObject()  ? QJsonDocument(value.toObject())
                                   : value.isArray() ? QJsonDocument(value.toArray())
                                                     : QJsonDocument(QJsonArray{value});
    const QString text = QString::fromUtf8(document.toJson(QJsonDocument::Compact));
    return value.isObject() || value.isArray() ? text : text.mid(1, text.size() - 2);
}

QJsonObject expectedApiMessage(const QJsonObject &meta, const QByteArray &bytes)
{
    const QString type = meta.value(QLatin1String("type")).toString();
    const QJsonObject body = meta.value(type).toObject();
    QJsonObject want{{s("direction"), s("in")},
                     {s("sender"), QJsonObject{{s("type"), s("customer")}}},
                     {s("wa_message_id"), meta.value(QLatin1String("id"))},
                     {s("kind"), type}};
    const auto textOr = [](const QJsonValue &v) {
        return v.isUndefined() ? QJsonValue(QJsonValue::Null) : v;
    };
    if (type == QLatin1String("text")) {
        want.insert(s("text"), body.value(QLatin1String("body")));
    } else if (QStringList{s("image"), s("document"), s("audio"), s("video"), s("sticker")}.contains(type)) {
        want.insert(s("text"), textOr(body.value(QLatin1String("caption"))));
        want.insert(s("media"), QJsonObject{{s("mime_type"), body.value(QLatin1String("mime_type"))},
                                            {s("caption"), textOr(body.value(QLatin1String("caption")))},
                                            {s("filename"), textOr(body.value(QLatin1String("filename")))},
                                            {s("size"), bytes.size()},
                                            {s("status"), s("ready")}});
    } else if (type == QLatin1String("location")) {
        QJsonObject location;
        for (const char *key : {"latitude", "longitude", "name", "address"})
            location.insert(s(key), body.value(QLatin1String(key)));
        want.insert(s("location"), location);
    } else if (type == QLatin1String("contacts")) {
        QJsonArray contacts;
        // API.md: names and phones; a card's formatted name and each phone's number as Meta wrote it.
        for (const QJsonValue &card : meta.value(QLatin1String("contacts")).toArray()) {
            QJsonArray phones;
            for (const QJsonValue &phone : card[s("phones")].toArray())
                phones.append(phone[s("phone")]);
            contacts.append(QJsonObject{{s("name"), card[s("name")][s("formatted_name")]}, {s("phones"), phones}});
        }
        want.insert(s("contacts"), contacts);
    } else if (type == QLatin1String("interactive")) {
        // API.md: the answer is kept with its fields under `interactive`, its title as the text. A reply button
        // that answers none of our templates is free flow like a list reply.
        const QString kind = body.value(QLatin1String("type")).toString();
        const QJsonObject reply = body.value(kind).toObject();
        want.insert(s("text"), reply.value(QLatin1String("title")));
        want.insert(s("interactive"), QJsonObject{{s("type"), kind},
                                                  {s("id"), reply.value(QLatin1String("id"))},
                                                  {s("title"), reply.value(QLatin1String("title"))},
                                                  {s("description"), textOr(reply.value(QLatin1String("description")))}});
    }
    return want;
}

QStringList fieldProblems(const QJsonValue &expected, const QJsonValue &actual, const QString &path)
{
    if (expected.isNull())
        return isEmptyLike(actual)
                   ? QStringList()
                   : QStringList{QStringLiteral("%1 is %2, expected none").arg(path, jsonText(actual))};
    if (expected.isObject() && actual.isObject()) {
        QStringList problems;
        const QJsonObject want = expected.toObject();
        for (auto it = want.constBegin(); it != want.constEnd(); ++it)
            problems.append(
                fieldProblems(it.value(), actual.toObject().value(it.key()), path + u'.' + it.key()));
        return problems;
    }
    if (expected.isArray() && actual.isArray()) {
        const QJsonArray want = expected.toArray();
        const QJsonArray have = actual.toArray();
        if (want.size() != have.size())
            return {QStringLiteral("%1 is %2, expected %3").arg(path, jsonText(actual), jsonText(expected))};
        QStringList problems;
        for (qsizetype i = 0; i < want.size(); ++i)
            problems.append(fieldProblems(want.at(i), have.at(i), QStringLiteral("%1[%2]").arg(path).arg(i)));
        return problems;
    }
    if (expected == actual)
        return {};
    return {QStringLiteral("%1 is %2, expected %3").arg(path, jsonText(actual), jsonText(expected))};
}

QJsonObject templateComponent(const QJsonObject &request, const QString &type)
{
    const QJsonArray components =
        valueAt(request, {QStringLiteral("template"), QStringLiteral("components")}).toArray();
    for (const QJsonValue &component : components) {
        if (component.toObject().value(QLatin1String("type")).toString() == type)
            return component.toObject();
    }
    return {};
}

QJsonObject templateSendSample(const QString &bodySample, const QString &headerSample)
{
    QJsonObject sample = metaSample(s("graph/send-template-positional.request.json"));
    QJsonArray components;
    if (!headerSample.isEmpty())
        components.append(templateComponent(metaSample(s("graph/") + headerSample), s("header")));
    components.append(templateComponent(metaSample(s("graph/") + bodySample), s("body")));
    QJsonObject tmpl = sample.value(QLatin1String("template")).toObject();
    tmpl.insert(s("components"), components);
    sample.insert(s("template"), tmpl);
    return sample;
}

QJsonArray textParameters(const QStringList &values, const QStringList &names)
{
    QJsonArray parameters;
    for (qsizetype i = 0; i < values.size(); ++i) {
        QJsonObject parameter{{s("type"), s("text")}, {s("text"), values.at(i)}};
        if (!names.isEmpty())
            parameter.insert(s("parameter_name"), names.value(i));
        parameters.append(parameter);
    }
    return parameters;
}

QStringList sha256Forms(const QByteArray &bytes)
{
    const QByteArray digest = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
    return {QString::fromLatin1(digest.toHex()), QString::fromLatin1(digest.toBase64())};
}

QString digitsOnly(const QString &phone)
{
    QString digits;
    for (const QChar c : phone) {
        if (c.isDigit())
            digits.append(c);
    }
    return digits;
}

} // namespace handover::testing
