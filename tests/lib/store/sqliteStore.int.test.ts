import { freshStore } from "../../support/store";
import { storeContract } from "./storeContract";
import { budgetStoreContract } from "./budgetStoreContract";

storeContract("SQLite", () => freshStore().store);

budgetStoreContract("SQLite", () => freshStore().store);
