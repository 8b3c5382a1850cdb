public enum FrontlineKitPlaceholder {}
