// A reference receiver for the org webhook: verifies every request with the published Standard Webhooks
// library, so a test's verdict does not depend on our own C++ signer. Runs on Node.js 18 (Debian 12).
//
//   node receiver.mjs --secret whsec_... [--port 0] [--host 127.0.0.1] [--fail-first N]
//                     [--status-after 200] [--delay-ms 0] [--log FILE] [--clock-control]
//
// The first line on stdout is "listening on <port>". Requests 1..N are answered 500, later ones with
// --status-after. Every request adds one JSON line to --log FILE (or stdout):
//   {"webhook_id", "timestamp", "verified", "status_sent", "body", "method", "host", "content_type"[, "error"]}
// The line is written before the answer, so a client that has its answer can read its line.
//
// --clock-control: the library rejects timestamps more than 5 minutes away from its clock. Tests that run the
// sender on a fake clock hours ahead set this receiver's clock too, with PUT /_receiver/clock {"now": <unix
// seconds>}; those requests are neither counted nor logged.

import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import standardWebhooks from 'standardwebhooks';

const { Webhook } = standardWebhooks;
const maxBodyBytes = 1024 * 1024;

function usage(message) {
    process.stderr.write(`receiver: ${message}\n`);
    process.stderr.write('usage: node receiver.mjs --secret whsec_... [--port N] [--host H] [--fail-first N] ' +
        '[--status-after CODE] [--delay-ms N] [--log FILE] [--clock-control]\n');
    process.exit(2);
}

function parseArguments(argv) {
    const options = {
        port: 0, host: '127.0.0.1', secret: '', failFirst: 0, statusAfter: 200, delayMs: 0, log: '',
        clockControl: false,
    };
    const integer = (name, text, min, max) => {
        if (text === undefined || !/^\d+$/.test(text))
            usage(`${name} needs a number`);
        const value = Number(text);
        if (value < min || value > max)
            usage(`${name} must lie between ${min} and ${max}`);
        return value;
    };
    for (let i = 0; i < argv.length; ++i) {
        const name = argv[i];
        const value = argv[i + 1];
        switch (name) {
        case '--port': options.port = integer(name, value, 0, 65535); ++i; break;
        case '--host': if (!value) usage('--host needs an address'); options.host = value; ++i; break;
        case '--secret': if (!value) usage('--secret needs a value'); options.secret = value; ++i; break;
        case '--fail-first': options.failFirst = integer(name, value, 0, 1e9); ++i; break;
        case '--status-after': options.statusAfter = integer(name, value, 100, 599); ++i; break;
        case '--delay-ms': options.delayMs = integer(name, value, 0, 600000); ++i; break;
        case '--log': if (!value) usage('--log needs a file'); options.log = value; ++i; break;
        case '--clock-control': options.clockControl = true; break;
        default: usage(`unknown argument ${name}`);
        }
    }
    if (!options.secret)
        usage('--secret is required');
    return options;
}

const options = parseArguments(process.argv.slice(2));
let webhook;
try {
    webhook = new Webhook(options.secret);
} catch (error) {
    usage(`bad secret: ${error.message}`);
}

// The library reads Date.now(); shifting it is how --clock-control reaches the library's tolerance check.
const realNow = Date.now.bind(Date);
let clockOffsetMs = 0;
if (options.clockControl)
    Date.now = () => realNow() + clockOffsetMs;

function writeLine(record) {
    const line = JSON.stringify(record) + '\n';
    if (options.log)
        appendFileSync(options.log, line);
    else
        process.stdout.write(line);
}

function firstHeader(value) {
    return Array.isArray(value) ? value[0] : value;
}

let requestCount = 0;

function handleClock(request, response, body) {
    let now;
    try {
        now = JSON.parse(body.toString('utf8')).now;
    } catch (error) {
        now = undefined;
    }
    if (typeof now !== 'number' || !Number.isFinite(now)) {
        response.writeHead(400, { 'content-type': 'text/plain' });
        response.end('expected {"now": <unix seconds>}\n');
        return;
    }
    clockOffsetMs = now * 1000 - realNow();
    response.writeHead(204);
    response.end();
}

function handleDelivery(request, response, body) {
    requestCount += 1;
    const status = requestCount <= options.failFirst ? 500 : options.statusAfter;
    const record = {
        webhook_id: firstHeader(request.headers['webhook-id']) ?? null,
        timestamp: firstHeader(request.headers['webhook-timestamp']) ?? null,
        verified: false,
        status_sent: status,
        body: body.toString('utf8'),
        method: request.method,
        host: firstHeader(request.headers.host) ?? null,
        content_type: firstHeader(request.headers['content-type']) ?? null,
    };
    try {
        webhook.verify(body, request.headers);
        record.verified = true;
    } catch (error) {
        record.error = String(error && error.message ? error.message : error);
    }
    writeLine(record);
    const answer = () => {
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(`${status}\n`);
    };
    if (options.delayMs > 0)
        setTimeout(answer, options.delayMs);
    else
        answer();
}

const server = createServer((request, response) => {
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk) => {
        size += chunk.length;
        if (size > maxBodyBytes)
            tooLarge = true;
        else
            chunks.push(chunk);
    });
    request.on('end', () => {
        if (tooLarge) {
            response.writeHead(413, { 'content-type': 'text/plain' });
            response.end('body too large\n');
            return;
        }
        const body = Buffer.concat(chunks);
        if (options.clockControl && request.url === '/_receiver/clock' && request.method === 'PUT')
            handleClock(request, response, body);
        else
            handleDelivery(request, response, body);
    });
});

server.on('error', (error) => {
    process.stderr.write(`receiver: ${error.message}\n`);
    process.exit(1);
});

server.listen(options.port, options.host, () => {
    process.stdout.write(`listening on ${server.address().port}\n`);
});

// Log lines are written synchronously, so nothing is lost by leaving at once (Node 18 would otherwise wait for
// idle keep-alive connections).
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
