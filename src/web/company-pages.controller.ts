import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** Pages of the companies: list and search, creation, the company page, CSV import. */
@ApiExcludeController()
@Controller()
export class CompanyPagesController {}
