import { freshStore } from "../../support/store";
import { storeContract } from "./storeContract";

storeContract("SQLite", () => freshStore().store);
