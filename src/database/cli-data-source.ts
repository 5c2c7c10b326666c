import 'reflect-metadata';
import 'dotenv/config';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/env';
import { dataSourceOptions } from './data-source';

/** For the TypeORM CLI (`npm run typeorm -- ...`): the same options as the app. */
export default new DataSource(dataSourceOptions(loadConfig(process.env)));
