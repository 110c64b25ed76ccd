package com.goafwatch.parcel;

import java.util.List;

/** What an import wrote: counts and the id given to each feature's parcel, in batch order. */
public record ImportResult(int created, int updated, List<ImportedParcel> parcels) {

    public record ImportedParcel(int index, String code, long id, boolean created) {
    }
}
