/* font.S - links the console font (a PSF file unpacked from Debian's console-setup
 * fonts by the build, see mk/kernel.mk) into the kernel's read-only data. */
    .section .rodata
    .global fbcon_font_start, fbcon_font_end
fbcon_font_start:
    .incbin FONT_FILE
fbcon_font_end:
