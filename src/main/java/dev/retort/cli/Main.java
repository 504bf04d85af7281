package dev.retort.cli;
public class Main { public static void main(String[] a){} }
