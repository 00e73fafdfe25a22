/** A writable stand-in for a node:http response that records what leaves in each socket write. */
import { Writable } from 'node:stream';

/** Records each write (a corked batch arrives as one) and the header calls. */
export class RecordingSink extends Writable {
  /** The text of each write that reached the "socket", in order. */
  readonly writes: string[] = [];
  headersSent = false;
  status: number | null = null;
  headersFlushed = 0;

  writeHead(status: number): this {
    this.status = status;
    this.headersSent = true;
    return this;
  }

  flushHeaders(): void {
    this.headersFlushed += 1;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.writes.push(chunk.toString('utf8'));
    done();
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, done: (error?: Error | null) => void): void {
    this.writes.push(chunks.map(({ chunk }) => chunk.toString('utf8')).join(''));
    done();
  }
}
