// Readability.js as a peer for `declutter eval --peers readability-js`: reads JSON lines
// {"html": "..."} on stdin and writes JSON lines {"text": "..."} holding the article as HTML. Needs @mozilla/readability and
// jsdom where node finds them (NODE_PATH, or `npm install` beside this file).
const readline = require("node:readline");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const quiet = new VirtualConsole();
const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  let text = "";
  try {
    const dom = new JSDOM(JSON.parse(line).html, { virtualConsole: quiet });
    const article = new Readability(dom.window.document).parse();
    text = article && article.content ? article.content : "";
  } catch (error) {
    text = "";
  }
  process.stdout.write(JSON.stringify({ text }) + "\n");
});
