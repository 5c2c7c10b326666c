import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** Pages of the prospection board, the follow-up lists and the pipeline settings. */
@ApiExcludeController()
@Controller()
export class BoardPagesController {}
