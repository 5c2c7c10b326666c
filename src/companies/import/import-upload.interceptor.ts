import { CallHandler, ExecutionContext, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { Readable } from 'node:stream';
import { AuthenticatedRequest } from '../../auth/auth.decorators';
import { FieldRefusedException } from '../../common/validation';
import { UploadedCsv } from './company-import.dto';
import { MAX_IMPORT_BYTES } from './company-import.service';
import { IMPORT_CHUNK_BYTES, ImportFileStore } from './import-file.store';
import { CsvSniffer } from './import-rows';
import { COMMON, IMPORT } from '../../refusals/index';
import { because, StatusRefusal } from '../../refusals/refused';
import { withoutScope, withStructure } from '../../tenancy/tenant-scope';

interface MulterFile {
  originalname?: string;
  stream: Readable;
}

/**
 * Receives the `file` of POST /api/imports straight into PostgreSQL (a Multer storage engine):
 * each ~1 MiB is written before more is read from the socket, so an upload costs the API about
 * one chunk of memory whatever the size of the file, and TCP slows a fast sender down. The file
 * comes in under an `uploading` run; whatever fails after (a bad field, a bad header, a client
 * gone) removes that run and its chunks before the answer leaves.
 */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(private readonly files: ImportFileStore) {
    const Multer = FileInterceptor('file', {
      storage: {
        _handleFile: (request: Request, file: MulterFile, done: (error: unknown, info?: UploadedCsv) => void) => {
          // Multer calls back from the request stream's events, outside the request's scope: set it again.
          this.inScopeOf(request, () => this.receive(request as AuthenticatedRequest, file)).then((info) => done(null, info), done);
        },
        _removeFile: (request: Request, file: UploadedCsv, done: (error: unknown) => void) => {
          this.inScopeOf(request, () => this.files.discard(file.importRunId)).then(() => done(null), done);
        },
      },
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1 },
    });
    this.multer = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    let handled: Observable<unknown>;
    try {
      handled = await this.multer.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) {
        const maxMb = MAX_IMPORT_BYTES / 1024 / 1024;
        throw new FieldRefusedException(413, [{ field: 'file', message: `the file is larger than ${maxMb} MB`, ...because(IMPORT.fileTooLarge, { maxMb }) }]);
      }
      throw error;
    }
    const file = context.switchToHttp().getRequest<{ file?: UploadedCsv }>().file;
    return handled.pipe(
      catchError((error: unknown) =>
        from(file ? this.files.discard(file.importRunId) : Promise.resolve()).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }

  private inScopeOf<T>(request: Request, work: () => Promise<T>): Promise<T> {
    const actor = (request as AuthenticatedRequest).actor;
    return actor ? withStructure(actor.structureId, work) : withoutScope(work);
  }

  private async receive(request: AuthenticatedRequest, file: MulterFile): Promise<UploadedCsv> {
    if (!request.actor) throw new StatusRefusal(401, because(COMMON.loginRequired), 'Please log in');
    const runId = await this.files.admit(request.actor, uploadedName(file.originalname));
    try {
      const sniffer = new CsvSniffer();
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let seq = 0;
      const flush = async () => {
        if (!pendingBytes) return;
        if (!(await this.files.append(runId, seq++, Buffer.concat(pending)))) {
          throw new FieldRefusedException(408, [
            { field: 'file', message: 'the upload was too slow and has been abandoned; send the file again', ...because(IMPORT.uploadTooSlow) },
          ]);
        }
        pending = [];
        pendingBytes = 0;
      };
      // Async iteration pauses the stream while a chunk is written: that is the backpressure.
      for await (const data of file.stream as AsyncIterable<Buffer>) {
        sniffer.write(data);
        pending.push(data);
        pendingBytes += data.length;
        if (pendingBytes >= IMPORT_CHUNK_BYTES) await flush();
      }
      await flush();
      return { importRunId: runId, ...sniffer.finish() };
    } catch (error) {
      await this.files.discard(runId);
      throw error;
    }
  }
}

/** Multer reads multipart file names as Latin-1; browsers send UTF-8. */
function uploadedName(originalname: string | undefined): string {
  if (!originalname) return 'import.csv';
  const utf8 = Buffer.from(originalname, 'latin1').toString('utf8');
  return (utf8.includes('\uFFFD') ? originalname : utf8).slice(0, 255);
}
