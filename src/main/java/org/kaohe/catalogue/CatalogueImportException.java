package org.kaohe.catalogue;

/** A catalogue could not be imported; the message is Chinese and can be shown to the administrator. */
public class CatalogueImportException extends RuntimeException {

    public CatalogueImportException(String message) {
        super(message);
    }

    public CatalogueImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
