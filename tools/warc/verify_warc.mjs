// Reads WARC files with warcio.js (an independent implementation), recomputes every record's
// WARC-Block-Digest and WARC-Payload-Digest, and prints one JSON summary:
//   {"records":[{file,type,uri,id,concurrent_to,refers_to,payload_digest,status}], "errors":[...]}
// Exit code 1 when a digest does not match or a file cannot be parsed.
//   node verify_warc.mjs FILE.warc.gz...
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { WARCParser } from "warcio";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
function base32(bytes) {
  let out = "", buffer = 0, bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= 0xff;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  while (out.length % 8) out += "=";
  return out;
}
const sha1 = (bytes) => "sha1:" + base32(createHash("sha1").update(bytes).digest());

function splitHttp(block) {
  for (let i = 0; i + 3 < block.length; i++) {
    if (block[i] === 13 && block[i + 1] === 10 && block[i + 2] === 13 && block[i + 3] === 10) {
      return [block.subarray(0, i + 4), block.subarray(i + 4)];
    }
  }
  return [block, new Uint8Array()];
}

const records = [], errors = [];
for (const file of process.argv.slice(2)) {
  try {
    const parser = new WARCParser(createReadStream(file), { parseHttp: false });
    for await (const record of parser) {
      const block = await record.readFully(false);
      const h = (name) => record.warcHeader(name) || null;
      const info = {
        file, type: record.warcType, uri: record.warcTargetURI || null,
        id: h("WARC-Record-ID"), concurrent_to: h("WARC-Concurrent-To"),
        refers_to: h("WARC-Refers-To-Target-URI"), payload_digest: h("WARC-Payload-Digest"),
        status: null,
      };
      const blockDigest = h("WARC-Block-Digest");
      if (blockDigest && blockDigest !== sha1(block)) {
        errors.push(`${file}: ${info.id}: block digest ${blockDigest} != ${sha1(block)}`);
      }
      if (record.warcType === "response" || record.warcType === "revisit") {
        const [head, payload] = splitHttp(block);
        const status = /^HTTP\/\S+ (\d{3})/.exec(new TextDecoder().decode(head.subarray(0, 64)));
        info.status = status ? Number(status[1]) : null;
        if (record.warcType === "response" && info.payload_digest &&
            info.payload_digest !== sha1(payload)) {
          errors.push(`${file}: ${info.id}: payload digest ${info.payload_digest} != ${sha1(payload)}`);
        }
        if (record.warcType === "revisit" && payload.length !== 0) {
          errors.push(`${file}: ${info.id}: revisit record carries a payload`);
        }
      }
      if (record.warcType === "warcinfo" && !/software:/.test(new TextDecoder().decode(block))) {
        errors.push(`${file}: warcinfo without software field`);
      }
      records.push(info);
    }
  } catch (e) {
    errors.push(`${file}: ${e.message}`);
  }
}
console.log(JSON.stringify({ records, errors }));
process.exit(errors.length ? 1 : 0);
